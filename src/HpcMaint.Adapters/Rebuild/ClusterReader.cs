using HpcMaint.Adapters.Slurm;
using HpcMaint.Core;
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
    /// <summary>Where the images come from, for messages ("slurm features", "openstack").</summary>
    public string ImageSourceName => images.Name;

    /// <summary>The view, or the first error: <see cref="ProblemKind.Unreachable"/> when that error is slurmctld not answering.</summary>
    public async Task<Result<ClusterView>> ReadAsync(CancellationToken ct)
    {
        var nodesTask = slurm.GetNodesAsync(ct);
        var jobsTask = slurm.GetJobsAsync(ct);
        var reservationsTask = slurm.GetReservationsAsync(ct);
        var nodes = await nodesTask.ConfigureAwait(false);
        var jobs = await jobsTask.ConfigureAwait(false);
        var reservations = await reservationsTask.ConfigureAwait(false);
        var unreachable = new[] { nodes.ControllerUnreachable, jobs.ControllerUnreachable, reservations.ControllerUnreachable };
        var errors = new[] { nodes.Error, jobs.Error, reservations.Error };
        var failed = Array.FindIndex(errors, e => e is not null);
        if (failed >= 0)
        {
            // An unreachable controller is named first: it explains the other failures.
            var first = Array.IndexOf(unreachable, true) is var u and >= 0 ? u : failed;
            return new Problem(unreachable[first] ? ProblemKind.Unreachable : ProblemKind.Failed, errors[first]!);
        }

        var imageMap = await images.ReadAsync(nodes.Value, ct).ConfigureAwait(false);
        return new ClusterView(nodes.Value, jobs.Value, reservations.Value, imageMap, time.GetUtcNow(), recordField);
    }
}
