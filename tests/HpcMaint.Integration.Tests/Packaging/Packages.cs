namespace HpcMaint.Integration.Tests.Packaging;

/// <summary>
/// The .deb and .rpm `make packages` builds in dist/ from the executables there. A package that is
/// missing or older than those executables is an error, so the specs never check what no longer ships.
/// </summary>
internal static class Packages
{
    public static string Version { get; } =
        File.ReadAllText(Path.Combine(Executables.Executables.RepositoryRoot, "packaging", "VERSION")).Trim();

    public static string Deb => Checked($"hpcmaint_{Version}_amd64.deb");

    public static string Rpm => Checked($"hpcmaint-{Version}-1.x86_64.rpm");

    /// <summary>The programs both packages put in /usr/sbin.</summary>
    public static IReadOnlyList<string> Programs { get; } = [.. Executables.Executables.Names, "hpcmaint-prolog-slurmctld"];

    /// <summary>What the packages make with systemd-tmpfiles, root's and closed to others.</summary>
    public static IReadOnlyList<string> StateDirectories { get; } = ["/var/lib/hpcmaint", "/var/log/hpcmaint"];

    /// <summary>The regular files a package holds (absolute paths), from its own listing.</summary>
    public static async Task<IReadOnlySet<string>> DebFilesAsync()
    {
        var listing = await Host.SucceedAsync("/usr/bin/dpkg-deb", "--contents", Deb);
        return listing.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(line => line.StartsWith('-'))
            .Select(line => line[(line.IndexOf("./", StringComparison.Ordinal) + 1)..])
            .ToHashSet(StringComparer.Ordinal);
    }

    private static string Checked(string name)
    {
        var path = Path.Combine(Executables.Executables.RepositoryRoot, "dist", name);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path} is missing: run `make packages` (tests/run-tests.sh does)", path);
        }

        var hpcmaint = Executables.Executables.Hpcmaint;
        var newest = Executables.Executables.Names.Select(n => Path.Combine(Path.GetDirectoryName(hpcmaint)!, n)).MaxBy(File.GetLastWriteTimeUtc)!;
        if (File.GetLastWriteTimeUtc(path) < File.GetLastWriteTimeUtc(newest))
        {
            throw new InvalidOperationException($"{path} is older than {newest}: run `make packages` (tests/run-tests.sh does)");
        }

        return path;
    }
}
