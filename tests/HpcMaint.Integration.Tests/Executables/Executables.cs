namespace HpcMaint.Integration.Tests.Executables;

/// <summary>The built hpcmaint executables (same configuration as these tests), run as real processes.</summary>
internal static class Executables
{
    public static string RepositoryRoot { get; } = FindRoot();

    public static string Hpcmaint => Find("HpcMaint.Cli", "hpcmaint");

    public static string Health => Find("HpcMaint.Health", "hpcmaint-health");

    public static string Reboot => Find("HpcMaint.Reboot", "hpcmaint-reboot");

    private static string Find(string project, string name)
    {
        // AppContext.BaseDirectory is tests/HpcMaint.Integration.Tests/bin/<Configuration>/net10.0/
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd('/')).Parent!.Name;
        var path = Path.Combine(RepositoryRoot, "src", project, "bin", configuration, "net10.0", "linux-x64", name);
        return File.Exists(path) ? path : throw new FileNotFoundException($"build {project} first", path);
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "HpcMaint.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("HpcMaint.sln not found above " + AppContext.BaseDirectory);
    }
}
