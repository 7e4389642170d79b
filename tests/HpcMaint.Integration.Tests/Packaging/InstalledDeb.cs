using HpcMaint.Adapters.Processes;

namespace HpcMaint.Integration.Tests.Packaging;

/// <summary>
/// This machine reserved for one spec that installs the hpcmaint .deb (with dpkg -i here, or through
/// the Ansible role), and purged (dpkg --purge) when the spec ends, whatever happened. One such spec at
/// a time on the whole machine: a lock in /run/lock that every checkout's specs take. It refuses where
/// hpcmaint, or any path the package would own, is already there: what the spec did not install is
/// not its to remove.
/// </summary>
internal sealed class InstalledDeb : IAsyncDisposable
{
    private const string LockPath = "/run/lock/hpcmaint-package-specs.lock";
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(10);
    private readonly FileStream machineLock;
    private readonly IReadOnlyList<string> alsoOwned;

    private InstalledDeb(FileStream machineLock, IReadOnlySet<string> files, IReadOnlyList<string> alsoOwned)
    {
        this.machineLock = machineLock;
        this.alsoOwned = alsoOwned;
        Files = files;
    }

    /// <summary>The regular files of the package.</summary>
    public IReadOnlySet<string> Files { get; }

    /// <summary>Everything that must be gone again after the purge: the files, the package's own
    /// directories and the state directories.</summary>
    public IEnumerable<string> Footprint =>
        Files.Concat(["/etc/hpcmaint", "/usr/share/doc/hpcmaint", .. Packages.StateDirectories]);

    /// <summary>The machine, with the package not installed yet. <paramref name="alsoOwned"/>: paths
    /// the spec itself will write (they must not exist before it; they are removed after it).</summary>
    public static async Task<InstalledDeb> ReserveAsync(params string[] alsoOwned)
    {
        var files = await Packages.DebFilesAsync();
        var machineLock = await TakeMachineLockAsync();
        try
        {
            Assert.False(await IsKnownToDpkgAsync(), "hpcmaint is already known to dpkg on this machine: the packaging specs install and purge it, so remove it first (dpkg --purge hpcmaint)");
            var present = files.Concat(["/etc/hpcmaint", "/usr/share/doc/hpcmaint", .. Packages.StateDirectories, .. alsoOwned]).Where(Path.Exists).ToList();
            Assert.True(present.Count == 0, "this machine already has what the package installs, not installed by these specs: " + string.Join(", ", present));
            return new InstalledDeb(machineLock, files, alsoOwned);
        }
        catch
        {
            await machineLock.DisposeAsync();
            throw;
        }
    }

    /// <summary>The reserved machine with the package installed by dpkg -i.</summary>
    public static async Task<InstalledDeb> InstallAsync()
    {
        var machine = await ReserveAsync();
        var result = await DpkgAsync("--install", Packages.Deb);
        if (!result.IsSuccess)
        {
            await machine.DisposeAsync();
        }

        Assert.True(result.IsSuccess, Host.Show(result));
        return machine;
    }

    /// <summary>dpkg -i of the same package again (an upgrade to itself).</summary>
    public static async Task<CommandResult> ReinstallAsync() => await DpkgAsync("--install", Packages.Deb);

    public static async Task<CommandResult> PurgeAsync() => await DpkgAsync("--purge", "hpcmaint");

    public static async Task<bool> IsKnownToDpkgAsync()
    {
        var status = await Host.RunAsync("/usr/bin/dpkg-query", "--show", "--showformat=${db:Status-Status}", "hpcmaint");
        return status.IsSuccess && status.StandardOutput.Trim() != "not-installed";
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (await IsKnownToDpkgAsync())
            {
                await PurgeAsync();
            }

            // None of these was there before the spec: what a broken package's purge left behind goes
            // too, once dpkg has forgotten the package (it still owns them while it knows it).
            var leftovers = await IsKnownToDpkgAsync() ? alsoOwned : Footprint.Concat(alsoOwned);
            foreach (var path in leftovers.Where(Path.Exists))
            {
                if (Directory.Exists(path))
                {
                    Directory.Delete(path, recursive: true);
                }
                else
                {
                    File.Delete(path);
                }
            }
        }
        finally
        {
            await machineLock.DisposeAsync();
        }
    }

    private static async Task<FileStream> TakeMachineLockAsync()
    {
        var deadline = TimeProvider.System.GetUtcNow() + Patience;
        while (true)
        {
            try
            {
                // FileShare.None is an exclusive flock on Linux: held until the stream is closed, or the process ends.
                return new FileStream(LockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (TimeProvider.System.GetUtcNow() < deadline)
            {
                await Task.Delay(TimeSpan.FromSeconds(1), TimeProvider.System);
            }
        }
    }

    /// <summary>dpkg, waiting while another apt or dpkg on the machine holds dpkg's own lock.</summary>
    private static async Task<CommandResult> DpkgAsync(params string[] arguments)
    {
        var command = Command.For("/usr/bin/dpkg").WithArguments(arguments)
            .WithEnvironment(new Dictionary<string, string?> { ["DEBIAN_FRONTEND"] = "noninteractive" })
            .WithTimeout(TimeSpan.FromMinutes(3));
        var deadline = TimeProvider.System.GetUtcNow() + Patience;
        while (true)
        {
            var result = await Host.RunAsync(command);
            if (result.IsSuccess || !result.StandardError.Contains("lock", StringComparison.Ordinal) || TimeProvider.System.GetUtcNow() > deadline)
            {
                return result;
            }

            await Task.Delay(TimeSpan.FromSeconds(2), TimeProvider.System);
        }
    }
}
