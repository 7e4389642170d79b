using HpcMaint.Adapters.Slurm;
using HpcMaint.Core.Health;
using HpcMaint.Core.Rebuild;

namespace HpcMaint.Adapters.Rebuild;

/// <summary>
/// Reads one <see cref="ClusterView"/>: sinfo --json, squeue --json and scontrol show reservation, run
/// at the same time, plus one read of the image source. The same three commands whatever the node count.
/// The nodes' records (holds) are read from <paramref name="recordField"/> of what sinfo returned.
/// </summary>
public sealed class ClusterReader(ISlurmReader slurm, INodeImageSource images, TimeProvider time, RecordField recordField)
{
    public async Task<(ClusterView? View, string? Error)> ReadAsync(CancellationToken ct)
    {
        var nodesTask = slurm.GetNodesAsync(ct);
        var jobsTask = slurm.GetJobsAsync(ct);
        var reservationsTask = slurm.GetReservationsAsync(ct);
        var nodes = await nodesTask.ConfigureAwait(false);
        var jobs = await jobsTask.ConfigureAwait(false);
        var reservations = await reservationsTask.ConfigureAwait(false);
        var error = nodes.Error ?? jobs.Error ?? reservations.Error;
        if (error is not null)
        {
            return (null, error);
        }

        var imageMap = await images.ReadAsync(nodes.Value, ct).ConfigureAwait(false);
        return (new ClusterView(nodes.Value, jobs.Value, reservations.Value, imageMap, time.GetUtcNow(), recordField), null);
    }
}
