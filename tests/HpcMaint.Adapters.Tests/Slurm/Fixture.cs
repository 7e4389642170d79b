namespace HpcMaint.Adapters.Tests.Slurm;

/// <summary>Real Slurm 22.05 output captured from the testbed (see Fixtures/slurm-22.05/README.md).</summary>
internal static class Fixture
{
    public static string Read(string name) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "slurm-22.05", name));
}
