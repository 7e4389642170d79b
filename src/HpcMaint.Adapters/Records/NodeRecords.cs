using HpcMaint.Adapters.Slurm;
using HpcMaint.Core.Audit;
using HpcMaint.Core.Health;
using HpcMaint.Core.Remediation;
using HpcMaint.Core.Slurm;

namespace HpcMaint.Adapters.Records;

/// <summary>Reads and rewrites hpcmaint's record on nodes (the Comment or Extra field, per [health] record_field).</summary>
public sealed class NodeRecords(ISlurmNodeRecords slurm, RecordField field, IAuditJournal journal, TimeProvider time)
{
    /// <summary>The node's record, or why it cannot be used (foreign text in the field).</summary>
    public (NodeRecord? Record, string? Problem) Read(Node node) =>
        NodeRecordField.TryRead(node, field, out var record, out var problem)
            ? (record, null)
            : (null, $"node {node.Name}: its {NodeRecordField.Name(field)} field cannot keep hpcmaint's record: {problem}; clear it (scontrol update nodename={node.Name} {NodeRecordField.Name(field)}=\"\") or set [health] record_field");

    /// <summary>Writes the record and journals it under <paramref name="action"/>; returns the error or null.</summary>
    public async Task<string?> WriteAsync(string node, NodeRecord record, string action, string? reason, bool dryRun, CancellationToken ct)
    {
        var text = NodeRecordCodec.Encode(record);
        var details = new Dictionary<string, string> { ["record"] = text };
        journal.Append(new AuditRecord(time.GetUtcNow(), "hpcmaint", node, action, reason, dryRun, AuditOutcome.Planned, details));
        if (dryRun)
        {
            return null;
        }

        var result = await slurm.WriteRecordAsync(node, field, record, ct).ConfigureAwait(false);
        if (!result.IsSuccess)
        {
            details["error"] = result.Error!;
        }

        journal.Append(new AuditRecord(time.GetUtcNow(), "hpcmaint", node, action, reason, false, result.IsSuccess ? AuditOutcome.Succeeded : AuditOutcome.Failed, details));
        return result.Error;
    }
}
