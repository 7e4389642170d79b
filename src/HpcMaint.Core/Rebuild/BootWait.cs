using HpcMaint.Core.Reboot;
using HpcMaint.Core.Slurm;

namespace HpcMaint.Core.Rebuild;

/// <summary>
/// Decisions of the PrologSlurmctld mode. slurmctld launches a CONFIGURING `--reboot` batch job only on
/// its 30 s tick, or at once when PrologSlurmctld ends: so the prolog of a rebuild job returns as soon as
/// its nodes have booted, and every other job's prolog returns at once.
/// </summary>
public static class BootWait
{
    public static bool Applies(string? jobName) =>
        jobName is not null && jobName.StartsWith(RebuildJobs.NamePrefix, StringComparison.Ordinal);

    /// <summary>Still on its way back: powering up, not responding, or a reboot issued and not yet seen through.</summary>
    public static bool IsBooting(Node node) =>
        node.State.Has(NodeFlags.PoweringUp) || node.State.Has(NodeFlags.NotResponding) || node.State.Has(NodeFlags.RebootIssued);

    /// <summary>hpcmaint-reboot gave up on it (its drain reason says so): the node will not boot by itself.</summary>
    public static bool HasFailed(Node node) => node.State.IsDrainSet && RebootFailureReason.Is(node.Reason);
}
