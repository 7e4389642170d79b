using HpcMaint.Adapters.Slurm;
using HpcMaint.Core;
using HpcMaint.Core.Health;
using HpcMaint.Core.Rebuild;
using HpcMaint.Core.Slurm;

namespace HpcMaint.Adapters.Rebuild;

/// <summary>
/// Reads one <see cref="ClusterView"/>: sinfo --json, squeue --json and scontrol show reservation, run
/// at the same time, plus one read of the image source. The same three commands whatever the node count.
/// The nodes' records (holds) are read from <paramref name="recordField"/> of what sinfo returned. A
/// plan with --max-down-per-switch adds a fourth, scontrol show topology, through <paramref name="topology"/>;
/// the reservation strategy, to tell preemptable jobs apart, adds scontrol show config (PreemptType) on its
/// first read only (slurm.conf's value, kept for the reader's life: one run) and scontrol show partition
/// (PriorityTier, PreemptMode) on each read where PreemptType is preempt/partition_prio, the one rule that needs them.
/// </summary>
public sealed class ClusterReader(ISlurmReader slurm, INodeImageSource images, TimeProvider time, RecordField recordField, ISlurmTopology? topology = null)
{
    private string? preemptType;

    /// <summary>Where the images come from, for messages ("slurm features", "openstack").</summary>
    public string ImageSourceName => images.Name;

    /// <summary>The view, or the first error: <see cref="ProblemKind.Unreachable"/> when that error is slurmctld not answering.</summary>
    public async Task<Result<ClusterView>> ReadAsync(CancellationToken ct, bool withTopology = false, bool withPreemption = false)
    {
        var nodesTask = slurm.GetNodesAsync(ct);
        var jobsTask = slurm.GetJobsAsync(ct);
        var reservationsTask = slurm.GetReservationsAsync(ct);
        var topologyTask = withTopology && topology is not null
            ? topology.GetTopologyAsync(ct)
            : Task.FromResult(SlurmResult<Topology>.Success(Topology.Empty));
        var partitionsTask = withPreemption && preemptType is null or PreemptableJobs.PartitionPrio
            ? slurm.GetPartitionsAsync(ct)
            : Task.FromResult(SlurmResult<IReadOnlyList<Partition>>.Success([]));
        var preemptTask = withPreemption && preemptType is null
            ? slurm.GetPreemptTypeAsync(ct)
            : Task.FromResult(SlurmResult<string>.Success(preemptType ?? string.Empty));
        var nodes = await nodesTask.ConfigureAwait(false);
        var jobs = await jobsTask.ConfigureAwait(false);
        var reservations = await reservationsTask.ConfigureAwait(false);
        var leaves = await topologyTask.ConfigureAwait(false);
        var partitions = await partitionsTask.ConfigureAwait(false);
        var preempt = await preemptTask.ConfigureAwait(false);
        var unreachable = new[] { nodes.ControllerUnreachable, jobs.ControllerUnreachable, reservations.ControllerUnreachable, leaves.ControllerUnreachable, partitions.ControllerUnreachable, preempt.ControllerUnreachable };
        var errors = new[] { nodes.Error, jobs.Error, reservations.Error, leaves.Error, partitions.Error, preempt.Error };
        var failed = Array.FindIndex(errors, e => e is not null);
        if (failed >= 0)
        {
            // An unreachable controller is named first: it explains the other failures.
            var first = Array.IndexOf(unreachable, true) is var u and >= 0 ? u : failed;
            return new Problem(unreachable[first] ? ProblemKind.Unreachable : ProblemKind.Failed, errors[first]!);
        }

        if (withPreemption)
        {
            preemptType = preempt.Value;
        }

        var imageMap = await images.ReadAsync(nodes.Value, ct).ConfigureAwait(false);
        return new ClusterView(nodes.Value, jobs.Value, reservations.Value, imageMap, time.GetUtcNow(), recordField)
        {
            Topology = leaves.Value,
            Partitions = partitions.Value,
            PreemptType = withPreemption ? preempt.Value : null,
        };
    }
}
