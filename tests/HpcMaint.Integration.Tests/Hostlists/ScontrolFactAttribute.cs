
namespace HpcMaint.Integration.Tests.Hostlists;

/// <summary>A test that compares with the real <c>scontrol</c>; skipped, saying why, where Slurm is not installed.</summary>
public sealed class ScontrolFactAttribute : FactAttribute
{
    public ScontrolFactAttribute()
    {
        if (Testbed.SlurmRelease.IsHost && ScontrolLocator.Find() is null)
        {
            Skip = "scontrol is not installed (no 'scontrol' on PATH): these tests compare hostlists with Slurm's own "
                + "scontrol; install the Slurm client (Debian: apt-get install slurm-client) to run them";
        }
    }
}
