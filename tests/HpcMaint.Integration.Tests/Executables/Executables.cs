namespace HpcMaint.Integration.Tests.Executables;

/// <summary>
/// The shipped hpcmaint executables: the Native AOT builds `make publish` leaves in dist/ (the files
/// the packages hold), run as real processes. A dist/ that is missing or older than the sources is an
/// error, so the specs never pass on what no longer ships.
/// </summary>
internal static class Executables
{
    private static readonly Lazy<string> CheckedDist = new(CheckDist);

    public static string RepositoryRoot { get; } = FindRoot();

    public static string Hpcmaint => Find("hpcmaint");

    public static string Health => Find("hpcmaint-health");

    public static string Reboot => Find("hpcmaint-reboot");

    public static IReadOnlyList<string> Names { get; } = ["hpcmaint", "hpcmaint-health", "hpcmaint-reboot"];

    private static string Find(string name) => Path.Combine(CheckedDist.Value, name);

    private static string CheckDist()
    {
        var dist = Path.Combine(RepositoryRoot, "dist");
        var newest = Sources().MaxBy(File.GetLastWriteTimeUtc)!;
        foreach (var name in Names)
        {
            var path = Path.Combine(dist, name);
            if (!File.Exists(path))
            {
                throw new FileNotFoundException($"{path} is missing: run `make publish` (tests/run-tests.sh does) before the integration specs", path);
            }

            if (File.GetLastWriteTimeUtc(path) < File.GetLastWriteTimeUtc(newest))
            {
                throw new InvalidOperationException(
                    $"{path} is older than {Path.GetRelativePath(RepositoryRoot, newest)}: run `make publish` (tests/run-tests.sh does) so the specs run what the sources build");
            }
        }

        return dist;
    }

    /// <summary>What the executables are built from: the code and project files under src/, the shared
    /// build settings and the version.</summary>
    private static IEnumerable<string> Sources()
    {
        // bin/ and obj/ hold build outputs (obj/ generated .cs files too), rewritten by every build.
        var src = Path.Combine(RepositoryRoot, "src");
        var code = Directory.EnumerateFiles(src, "*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".csproj", StringComparison.Ordinal) || f.EndsWith(".props", StringComparison.Ordinal))
            .Where(f => !Path.GetRelativePath(src, f).Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"));
        var shared = new[] { "Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props", Path.Combine("packaging", "VERSION") }
            .Select(f => Path.Combine(RepositoryRoot, f))
            .Where(File.Exists);
        return code.Concat(shared);
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
