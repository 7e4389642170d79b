using HpcMaint.Core.Slurm;

namespace HpcMaint.Core.Reboot;

/// <summary>
/// A node whose reboot Slurm has issued keeps no drain: when ResumeTimeout passes, slurmctld (22.05,
/// measured) sets it DOWN, clears DRAIN and appends "reboot timed out", and a DOWN node may return to
/// service on its own. A node hpcmaint drains after a failed reboot or rebuild will not come back, so
/// its pending reboot is withdrawn and the drain put back.
/// </summary>
public static class PendingReboot
{
    /// <summary>The node, read back after hpcmaint drained it, still has a reboot Slurm issued: withdraw it.</summary>
    public static bool MustBeWithdrawn(Node drained) => drained.State.Has(NodeFlags.RebootIssued);
}
