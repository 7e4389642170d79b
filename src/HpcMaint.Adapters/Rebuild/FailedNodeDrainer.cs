using HpcMaint.Adapters.Slurm;
using HpcMaint.Core.Health;
using HpcMaint.Core.Rebuild;
using HpcMaint.Core.Remediation;

namespace HpcMaint.Adapters.Rebuild;

/// <summary>
/// Carries out <see cref="FailedRebuildDrain"/> for a node whose rebuild failed: reads the node, writes
/// the ticket first (a drain without one would look like a recovered node to hpcmaint-health), then drains.
/// </summary>
public sealed class FailedNodeDrainer(ISlurmReader reader, ISlurmNodeStates writer, ISlurmNodeRecords records, RecordField recordField, TimeProvider time)
{
    /// <summary>What was done, for the journal.</summary>
    public async Task<(bool Ok, string What)> DrainAsync(string node, string detail, CancellationToken ct, string condition = FailedRebuildDrain.Condition, string check = FailedRebuildDrain.Check)
    {
        var read = await reader.GetNodeAsync(node, ct).ConfigureAwait(false);
        if (!read.IsSuccess)
        {
            var reason = FailedRebuildDrain.Reason(detail, condition);
            var drained = await writer.DrainAsync([node], reason, ct).ConfigureAwait(false);
            return drained.IsSuccess
                ? (true, $"drained ({reason}); no ticket: the node could not be read: {read.Error}")
                : (false, $"drain failed: {drained.Error}; the node could not be read either: {read.Error}");
        }

        var record = NodeRecordField.TryRead(read.Value, recordField, out var current, out _) ? current : null;
        var decision = FailedRebuildDrain.Decide(read.Value, record, detail, time.GetUtcNow(), condition, check);
        if (decision.Record is { } ticketed)
        {
            var written = await records.WriteRecordAsync(node, recordField, ticketed, ct).ConfigureAwait(false);
            if (!written.IsSuccess)
            {
                decision = decision with { Why = decision.Why + $"; but the ticket could not be written: {written.Error}" };
            }
        }

        if (decision.Reason is { } drainReason)
        {
            var drained = await writer.DrainAsync([node], drainReason, ct).ConfigureAwait(false);
            if (!drained.IsSuccess)
            {
                return (false, $"drain failed: {drained.Error}");
            }
        }

        return (true, decision.Why);
    }
}
