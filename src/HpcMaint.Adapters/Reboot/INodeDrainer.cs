using HpcMaint.Adapters.Slurm;

namespace HpcMaint.Adapters.Reboot;

/// <summary>Takes a node out of service with a reason; null when done, else what went wrong.</summary>
public interface INodeDrainer
{
    Task<string?> DrainAsync(string node, string reason, CancellationToken cancellationToken);
}

/// <summary>Drains through <c>scontrol update state=drain</c>.</summary>
public sealed class SlurmNodeDrainer(ISlurmWriter slurm) : INodeDrainer
{
    public async Task<string?> DrainAsync(string node, string reason, CancellationToken cancellationToken) =>
        (await slurm.DrainAsync([node], reason, cancellationToken).ConfigureAwait(false)).Error;
}
