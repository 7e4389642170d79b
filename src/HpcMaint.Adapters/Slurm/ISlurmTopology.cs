using HpcMaint.Core.Slurm;

namespace HpcMaint.Adapters.Slurm;

/// <summary>The leaf switches or blocks slurmctld runs with (scontrol show topology).</summary>
public interface ISlurmTopology
{
    /// <summary>Empty when Slurm has no topology plugin; a failure when its output cannot be read.</summary>
    Task<SlurmResult<Topology>> GetTopologyAsync(CancellationToken ct = default);
}
