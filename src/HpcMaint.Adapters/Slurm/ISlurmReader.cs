using HpcMaint.Core.Slurm;

namespace HpcMaint.Adapters.Slurm;

/// <summary>What hpcmaint asks Slurm about the cluster.</summary>
public interface ISlurmReader
{
    Task<SlurmResult<IReadOnlyList<Node>>> GetNodesAsync(CancellationToken ct = default);

    /// <summary>One node, with its free-text fields intact (scontrol show node NAME).</summary>
    Task<SlurmResult<Node>> GetNodeAsync(string name, CancellationToken ct = default);

    Task<SlurmResult<IReadOnlyList<Partition>>> GetPartitionsAsync(CancellationToken ct = default);

    Task<SlurmResult<IReadOnlyList<Job>>> GetJobsAsync(CancellationToken ct = default);

    Task<SlurmResult<IReadOnlyList<Reservation>>> GetReservationsAsync(CancellationToken ct = default);

    Task<SlurmResult<SlurmVersion>> GetVersionAsync(CancellationToken ct = default);

    /// <summary>slurm.conf's SlurmUser, the user slurmctld runs as (scontrol show config).</summary>
    Task<SlurmResult<string>> GetSlurmUserAsync(CancellationToken ct = default);

    /// <summary>slurm.conf's PreemptType (scontrol show config); "preempt/none" when the line is missing.</summary>
    Task<SlurmResult<string>> GetPreemptTypeAsync(CancellationToken ct = default);
}
