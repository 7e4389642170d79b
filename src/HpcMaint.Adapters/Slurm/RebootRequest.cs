namespace HpcMaint.Adapters.Slurm;

/// <summary>
/// What `scontrol reboot` is asked. hpcmaint's own reboots are plain (no ASAP, no nextstate): ASAP implies
/// NextState=RESUME, which erases a drain set at boot by the health check (slurm-testbed-findings §4).
/// </summary>
public sealed record RebootRequest(bool Asap = false, RebootNextState? NextState = null, string? Reason = null);

public enum RebootNextState
{
    Resume,
    Down,
}
