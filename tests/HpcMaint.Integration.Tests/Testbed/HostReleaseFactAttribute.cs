namespace HpcMaint.Integration.Tests.Testbed;

/// <summary>
/// A spec of hpcmaint's own timing or planning that does not depend on the Slurm release (the same
/// squeue/scontrol fields on every release): it runs once, on the host's release, to keep `make test`
/// within its time, and is skipped on the others, saying so.
/// </summary>
public sealed class HostReleaseFactAttribute : FactAttribute
{
    public HostReleaseFactAttribute()
    {
        if (!SlurmRelease.IsHost)
        {
            Skip = $"runs on the host's Slurm {SlurmRelease.Host} only (this run is on {SlurmRelease.Current}): it measures hpcmaint's "
                + "own planning, which reads the same fields on every release";
        }
    }
}
