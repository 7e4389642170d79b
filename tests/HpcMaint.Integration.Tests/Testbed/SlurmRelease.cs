namespace HpcMaint.Integration.Tests.Testbed;

/// <summary>
/// The Slurm release the integration specs run on: HPCMAINT_SLURM (22.05, 24.11 or 26.05; `make test` runs
/// the suite once per release), else 22.05, the host's Debian 12 packages. Later releases run in a root of
/// their own (tests/testbed/testbed.sh), whose clients a testbed keeps in DIR/bin/slurm.
/// </summary>
public static class SlurmRelease
{
    public const string Host = "22.05";

    public static string Current { get; } =
        Environment.GetEnvironmentVariable("HPCMAINT_SLURM") is { Length: > 0 } release ? release : Host;

    public static bool IsHost => Current == Host;

    /// <summary>24.11 keeps a node's reason after it returns to service (a resume, a reboot) until a job has run there; 22.05 and 26.05 clear it.</summary>
    public static bool KeepsReasonsInService => Current == "24.11";

    /// <summary>Back in service after hpcmaint resumed it: neither drained nor down, and no reason left, where the release clears it.</summary>
    public static bool IsBackInService(Core.Slurm.Node node) =>
        !node.State.IsDrainSet && !node.State.IsDown && (node.Reason is null || KeepsReasonsInService);

    /// <summary>`[slurm] bin_dir` for hpcmaint on the testbed in <paramref name="directory"/>: its release's clients (testbed.sh's wrappers, for every release).</summary>
    public static string BinDir(string directory) => Path.Combine(directory, "bin", "slurm");

    /// <summary>The lines of a `[slurm]` section for the testbed in <paramref name="directory"/>: its slurm.conf and clients.</summary>
    public static string ConfigLines(string directory) =>
        $"conf = \"{Path.Combine(directory, "etc", "slurm.conf")}\"\nbin_dir = \"{BinDir(directory)}\"";
}
