namespace HpcMaint.Core.Tests.Health.SystemChecks;

internal static class FixtureTree
{
    /// <summary>
    /// Every file under a fixture folder (relative to the test output folder), as if it lay under
    /// <paramref name="nodePath"/> on the node: ("/sys/class/infiniband", "Fixtures/ib/sysfs/x") maps
    /// x/mlx5_0/ports/1/state to /sys/class/infiniband/mlx5_0/ports/1/state.
    /// </summary>
    public static FakeHostProbe WithTree(this FakeHostProbe probe, string nodePath, string fixtureFolder)
    {
        var root = Path.Combine(AppContext.BaseDirectory, fixtureFolder);
        foreach (var file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(root, file).Replace(Path.DirectorySeparatorChar, '/');
            probe.WithFile(nodePath.TrimEnd('/') + "/" + relative, File.ReadAllText(file));
        }

        return probe;
    }
}
