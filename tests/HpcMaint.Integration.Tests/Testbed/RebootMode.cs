namespace HpcMaint.Integration.Tests.Testbed;

/// <summary>What the reboot simulator does with a node (DIR/sim/&lt;node&gt;.mode).</summary>
public enum RebootMode
{
    /// <summary>slurmd stops, and comes back after the downtime with a new BootTime.</summary>
    Reboot,

    /// <summary>slurmd stops for good: Slurm marks the node DOWN, "reboot timed out".</summary>
    Never,

    /// <summary>slurmd comes back with its old BootTime, as if the machine had not rebooted.</summary>
    NoReboot,
}
