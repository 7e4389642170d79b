using HpcMaint.Core.Health;
using HpcMaint.Core.Remediation;

namespace HpcMaint.Adapters.Slurm;

/// <summary>Writes a node's hpcmaint record into its Comment or Extra ([health] record_field).</summary>
public static class NodeRecordWriter
{
    public static Task<SlurmResult<string>> WriteRecordAsync(this ISlurmNodeRecords slurm, string node, RecordField field, NodeRecord record, CancellationToken ct) =>
        field == RecordField.Extra
            ? slurm.SetExtraAsync(node, NodeRecordCodec.Encode(record), ct)
            : slurm.SetCommentAsync(node, NodeRecordCodec.Encode(record), ct);
}
