using System.Globalization;

namespace HpcMaint.Integration.Tests.Testbed;

/// <summary>
/// A private Slurm cluster (munged, slurmctld, one slurmd per node) of <see cref="SlurmRelease.Current"/>,
/// started by tests/testbed/testbed.sh in a temporary directory. Disposing stops every process it started
/// and deletes the directory (kept when HPCMAINT_KEEP_TESTBED=1).
/// </summary>
public sealed class TestbedCluster : IAsyncDisposable
{
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromMinutes(5); // up may apt-get install Slurm
    private static readonly TimeSpan ClientTimeout = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);
    private const string ClientPath = "/usr/sbin:/usr/bin:/sbin:/bin";

    private bool stopped;

    private TestbedCluster(string directory, IReadOnlyList<string> nodeNames, int controllerPort)
    {
        Directory = directory;
        NodeNames = nodeNames;
        ControllerPort = controllerPort;
        SlurmBinDir = SlurmRelease.BinDir(directory);
        ClientEnvironment = new Dictionary<string, string>
        {
            ["SLURM_CONF"] = SlurmConf,
            ["PATH"] = SlurmBinDir + ":" + ClientPath,
        };
    }

    public string Directory { get; }

    public string SlurmConf => Path.Combine(Directory, "etc", "slurm.conf");

    public IReadOnlyList<string> NodeNames { get; }

    public int ControllerPort { get; }

    /// <summary>The Slurm clients of this cluster's release (hpcmaint's `[slurm] bin_dir`).</summary>
    public string SlurmBinDir { get; }

    /// <summary>Everything a Slurm client needs to talk to this cluster (SLURM_CONF and PATH).</summary>
    public IReadOnlyDictionary<string, string> ClientEnvironment { get; }

    public static async Task<TestbedCluster> StartAsync(TestbedOptions options, CancellationToken ct)
    {
        var directory = options.Directory ?? System.IO.Directory.CreateTempSubdirectory("hpcmaint-testbed-").FullName;
        ClientResult up;
        try
        {
            up = await RunScriptAsync(["up", "--dir", directory, .. options.ToArguments()], ct);
        }
        catch (Exception e) when (e is OperationCanceledException or TimeoutException)
        {
            // up was killed half-way, so its own clean-up did not run.
            await RunScriptAsync(["down", "--dir", directory], CancellationToken.None);
            DeleteUnlessKept(directory);
            throw;
        }

        if (!up.Succeeded)
        {
            DeleteUnlessKept(directory);
            throw new InvalidOperationException($"testbed.sh up failed: {up}");
        }

        var nodes = Enumerable.Range(1, options.Nodes).Select(i => $"n{i}").ToArray();
        var port = File.ReadLines(Path.Combine(directory, "etc", "slurm.conf"))
            .Where(line => line.StartsWith("SlurmctldPort=", StringComparison.Ordinal))
            .Select(line => int.Parse(line["SlurmctldPort=".Length..], CultureInfo.InvariantCulture))
            .Single();
        return new TestbedCluster(directory, nodes, port);
    }

    /// <summary>Runs a Slurm client (sinfo, scontrol, sbatch, …) of this cluster's release against it, in DIR/work.</summary>
    public Task<ClientResult> RunClientAsync(string program, params string[] args) =>
        ClientProcess.RunAsync(
            program.Contains('/', StringComparison.Ordinal) ? program : Path.Combine(SlurmBinDir, program),
            args, ClientEnvironment, Path.Combine(Directory, "work"), ClientTimeout, CancellationToken.None);

    /// <summary>
    /// Runs a program where this cluster's daemons run (testbed.sh exec): in its release's root, whose
    /// mounts are its own, so a spec that mounts or unmounts for a node's health check does it there too.
    /// </summary>
    public async Task RunInRootAsync(string program, params string[] args)
    {
        var result = await RunScriptAsync(["exec", "--dir", Directory, program, .. args], CancellationToken.None);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"testbed.sh exec {program} {string.Join(' ', args)}: {result}");
        }
    }

    /// <summary>Node name → sinfo's long state (%T): idle, drained, down*, …</summary>
    public async Task<IReadOnlyDictionary<string, string>> NodeStatesAsync()
    {
        var sinfo = await RunClientAsync("sinfo", "-h", "-N", "-o", "%N %T");
        return sinfo.StandardOutput
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' ', 2))
            .DistinctBy(fields => fields[0])
            .ToDictionary(fields => fields[0], fields => fields[1]);
    }

    public async Task<bool> AllNodesIdleAsync()
    {
        var states = await NodeStatesAsync();
        return NodeNames.All(node => states.GetValueOrDefault(node) == "idle");
    }

    /// <summary>The node's one-line <c>scontrol show node -o</c> record; read it with ScontrolRecords.ParseLine.</summary>
    public async Task<string> ShowNodeAsync(string node) =>
        (await RunClientAsync("scontrol", "show", "node", node, "-o")).StandardOutput.Trim();

    /// <summary>The job's one-line <c>scontrol show job -o</c> record.</summary>
    public async Task<string> ShowJobAsync(string jobId) =>
        (await RunClientAsync("scontrol", "show", "job", jobId, "-o")).StandardOutput.Trim();

    /// <summary>Submits a batch job with sbatch --parsable and returns its id; throws when sbatch refuses.</summary>
    public async Task<string> SubmitAsync(params string[] sbatchArgs)
    {
        var sbatch = await RunClientAsync("sbatch", ["--parsable", .. sbatchArgs]);
        return sbatch.Succeeded
            ? sbatch.StandardOutput.Trim()
            : throw new InvalidOperationException($"sbatch {string.Join(' ', sbatchArgs)}: {sbatch}");
    }

    /// <summary>Runs <c>testbed.sh reboot-node</c>: the node reboots outside Slurm's control.</summary>
    public void SetRebootMode(string node, RebootMode mode) =>
        File.WriteAllText(
            SimFile(node, "mode"),
            mode switch
            {
                RebootMode.Reboot => "reboot",
                RebootMode.Never => "never",
                RebootMode.NoReboot => "no-reboot",
                _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, null),
            });

    /// <summary>How long the simulator keeps the node's slurmd away (default 2 s).</summary>
    /// <summary>How many simulated reboots the node has gone through (DIR/sim/reboots.log).</summary>
    public int RebootCount(string node)
    {
        var log = Path.Combine(Directory, "sim", "reboots.log");
        return File.Exists(log)
            ? File.ReadLines(log).Count(line => line.Split(' ') is [_, var n, _] && n == node)
            : 0;
    }

    /// <summary>Every process the testbed started so far, restarted slurmds and reboot workers included.</summary>
    public IReadOnlyList<RecordedProcess> RecordedProcesses() =>
        File.ReadLines(Path.Combine(Directory, "run", "pids"))
            .Where(line => line.Length > 0)
            .Select(RecordedProcess.Parse)
            .ToArray();

    /// <summary>Polls <paramref name="condition"/> until it holds or <paramref name="timeout"/> has passed.</summary>
    public static async Task<bool> WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var start = TimeProvider.System.GetTimestamp();
        while (true)
        {
            if (await condition())
            {
                return true;
            }

            if (TimeProvider.System.GetElapsedTime(start) > timeout)
            {
                return false;
            }

            await Task.Delay(PollInterval, TimeProvider.System, CancellationToken.None);
        }
    }

    /// <summary>SIGKILLs slurmctld, as a crash (testbed.sh kill-controller); returns once it is gone.</summary>
    public Task KillControllerAsync() => ScriptMustAsync("kill-controller");

    /// <summary>Stops slurmctld with SIGTERM, which saves its whole state (testbed.sh stop-controller); returns once it is gone.</summary>
    public Task StopControllerAsync() => ScriptMustAsync("stop-controller");

    /// <summary>Starts slurmctld again from its saved state (testbed.sh start-controller); returns once it answers.</summary>
    public Task StartControllerAsync() => ScriptMustAsync("start-controller");

    private async Task ScriptMustAsync(string command)
    {
        var result = await RunScriptAsync([command, "--dir", Directory], CancellationToken.None);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"testbed.sh {command} failed: {result}");
        }
    }

    /// <summary>Stops every recorded process (testbed.sh down); the directory stays. Idempotent.</summary>
    public async Task StopAsync()
    {
        await ScriptMustAsync("down");
        stopped = true;
    }

    public async ValueTask DisposeAsync()
    {
        if (!stopped)
        {
            await StopAsync();
        }

        DeleteUnlessKept(Directory);
    }

    private string SimFile(string node, string setting) =>
        NodeNames.Contains(node)
            ? Path.Combine(Directory, "sim", $"{node}.{setting}")
            : throw new ArgumentException($"{node} is not a node of this testbed", nameof(node));

    private static Task<ClientResult> RunScriptAsync(IEnumerable<string> args, CancellationToken ct) =>
        ClientProcess.RunAsync(Script, args, environment: null, "/", ScriptTimeout, ct);

    /// <summary>tests/testbed/testbed.sh of this repository.</summary>
    public static string Script => ScriptPath.Value;

    private static void DeleteUnlessKept(string directory)
    {
        if (Environment.GetEnvironmentVariable("HPCMAINT_KEEP_TESTBED") != "1")
        {
            System.IO.Directory.Delete(directory, recursive: true);
        }
    }

    private static readonly Lazy<string> ScriptPath = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "HpcMaint.sln")))
            {
                return Path.Combine(dir.FullName, "tests", "testbed", "testbed.sh");
            }
        }

        throw new InvalidOperationException($"no HpcMaint.sln above {AppContext.BaseDirectory}");
    });
}
