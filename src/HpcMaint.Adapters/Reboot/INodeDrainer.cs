using HpcMaint.Adapters.Slurm;
using HpcMaint.Core.Reboot;

namespace HpcMaint.Adapters.Reboot;

/// <summary>Takes a node out of service with a reason; null when done, else what went wrong.</summary>
public interface INodeDrainer
{
    Task<string?> DrainAsync(string node, string reason, CancellationToken cancellationToken);
}

/// <summary>
/// Drains through <c>scontrol update state=drain</c>, then withdraws a reboot Slurm still has pending
/// (<see cref="PendingReboot"/>: resume clears REBOOT_ISSUED) and puts the drain back at once. The drain
/// before it has already ended the node's rebuild job.
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

        if (!PendingReboot.MustBeWithdrawn(read.Value))
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
