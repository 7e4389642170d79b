using System.Diagnostics;

namespace HpcMaint.Integration.Tests.Hostlists;

/// <summary>What one scontrol run printed.</summary>
internal sealed record ScontrolOutput(int ExitCode, string StandardOutput, string StandardError);

/// <summary>
/// Runs <c>scontrol show hostnames|hostlist</c> of the Slurm release the specs run on directly (no shell;
/// a later release's chrooted into its root, in a mount namespace of its own with the host's /tmp), with
/// SLURM_CONF pointing at a throw-away two-line slurm.conf; these commands need no running controller.
/// Dispose removes it.
/// </summary>
public sealed class ScontrolHostlists : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);
    private readonly DirectoryInfo configDirectory;
    private readonly string configPath;
    private readonly string executable;
    private readonly string[] prefix;

    public ScontrolHostlists()
    {
        if (Testbed.SlurmRelease.IsHost)
        {
            executable = ScontrolLocator.Find() ?? "scontrol";
            prefix = [];
        }
        else
        {
            executable = "/usr/bin/unshare";
            prefix = ["--mount", "--propagation", "private", "/bin/sh", "-c", "mount --rbind /tmp \"$0/tmp\" && exec chroot \"$0\" /usr/bin/scontrol \"$@\"", RootOf(Testbed.SlurmRelease.Current)];
        }
        configDirectory = Directory.CreateTempSubdirectory("hpcmaint-hostlist-");
        configPath = Path.Combine(configDirectory.FullName, "slurm.conf");
        File.WriteAllText(configPath, "ClusterName=hostlisttest\nSlurmctldHost=localhost\n");
    }

    /// <summary>The release's root (testbed.sh root: built when missing).</summary>
    private static string RootOf(string release)
    {
        using var root = Process.Start(new ProcessStartInfo(Testbed.TestbedCluster.Script, ["root", "--slurm", release]) { RedirectStandardOutput = true })
            ?? throw new InvalidOperationException("could not run testbed.sh root");
        var path = root.StandardOutput.ReadToEnd().Trim();
        root.WaitForExit();
        return root.ExitCode == 0 ? path : throw new InvalidOperationException($"testbed.sh root --slurm {release} failed (exit {root.ExitCode})");
    }

    internal Task<ScontrolOutput> ShowHostnamesAsync(string expression, CancellationToken cancellation) =>
        RunAsync(["show", "hostnames", expression], cancellation);

    internal Task<ScontrolOutput> ShowHostlistAsync(string commaList, CancellationToken cancellation) =>
        RunAsync(["show", "hostlist", commaList], cancellation);

    public void Dispose() => configDirectory.Delete(recursive: true);

    private async Task<ScontrolOutput> RunAsync(IReadOnlyList<string> arguments, CancellationToken cancellation)
    {
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in prefix.Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["SLURM_CONF"] = configPath;
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {executable}");
        using var timeout = new CancellationTokenSource(Timeout, TimeProvider.System);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellation, timeout.Token);
        try
        {
            var output = process.StandardOutput.ReadToEndAsync(linked.Token);
            var error = process.StandardError.ReadToEndAsync(linked.Token);
            await process.WaitForExitAsync(linked.Token);
            return new ScontrolOutput(process.ExitCode, await output, await error);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"scontrol {string.Join(' ', arguments)} did not finish within {Timeout}");
        }
    }
}
