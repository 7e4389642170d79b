using HpcMaint.Adapters.Slurm;
using HpcMaint.Core.Slurm;

namespace HpcMaint.Adapters.Reboot;

/// <summary>Takes a node out of service with a reason; null when done, else what went wrong.</summary>
public interface INodeDrainer
{
    Task<string?> DrainAsync(string node, string reason, CancellationToken cancellationToken);
}

/// <summary>
/// Drains through <c>scontrol update state=drain</c>. A node whose reboot Slurm has issued keeps no
/// drain: when ResumeTimeout passes, slurmctld (22.05, measured) sets it DOWN, clears DRAIN and appends
/// "reboot timed out", and a DOWN node may return to service on its own. A node hpcmaint drains after a
/// failed reboot or rebuild will not come back, so its reboot is withdrawn (resume clears REBOOT_ISSUED)
/// and the drain put back at once. The drain before it has already ended the node's rebuild job.
/// </summary>
public sealed class SlurmNodeDrainer(ISlurmReader reader, ISlurmNodeStates writer) : INodeDrainer
{
    public async Task<string?> DrainAsync(string node, string reason, CancellationToken cancellationToken)
    {
        var drained = await writer.DrainAsync([node], reason, cancellationToken).ConfigureAwait(false);
        if (!drained.IsSuccess)
        {
            return drained.Error;
        }

        var read = await reader.GetNodeAsync(node, cancellationToken).ConfigureAwait(false);
        if (!read.IsSuccess)
        {
            return $"drained, but cannot read it back to see whether its reboot is still pending: {read.Error}";
        }

        if (!read.Value.State.Has(NodeFlags.RebootIssued))
        {
            return null;
        }

        var resumed = await writer.ResumeAsync([node], cancellationToken).ConfigureAwait(false);
        var again = await writer.DrainAsync([node], reason, cancellationToken).ConfigureAwait(false);
        return !again.IsSuccess ? $"withdrawing its pending reboot left it undrained: {again.Error}"
            : !resumed.IsSuccess ? $"drained, but its pending reboot could not be withdrawn ({resumed.Error}): Slurm will set it DOWN at ResumeTimeout"
            : null;
    }
}
