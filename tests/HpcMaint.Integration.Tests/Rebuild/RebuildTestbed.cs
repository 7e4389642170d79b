using System.Diagnostics;
using HpcMaint.Adapters.Processes;
using HpcMaint.Adapters.Rebuild;
using HpcMaint.Integration.Tests.Testbed;

namespace HpcMaint.Integration.Tests.Rebuild;

/// <summary>
/// A 4-node testbed for the rebuild specs: RebootProgram "rebuilds" a node by setting its image:IMG feature
/// (tests/testbed/rebuild-reboot-sim.sh), PrologSlurmctld is `hpcmaint prolog-slurmctld`, and hpcmaint's
/// config, journal and plans live in DIR/hm.
/// </summary>
public class RebuildTestbed : IAsyncLifetime
{
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<Process, System.Text.StringBuilder> outputs = [];
    private readonly Func<TestbedOptions, TestbedOptions> shape;
    private TestbedCluster? cluster;

    public RebuildTestbed()
        : this(options => options)
    {
    }

    /// <summary>A testbed of another shape (more nodes, a topology): <paramref name="shape"/> changes the 4-node options.</summary>
    protected RebuildTestbed(Func<TestbedOptions, TestbedOptions> shape) => this.shape = shape;

    public TestbedCluster Cluster => cluster ?? throw new InvalidOperationException("the testbed is not started");

    public string HpcmaintDir => Path.Combine(Cluster.Directory, "hm");

    public string ConfigPath => Path.Combine(HpcmaintDir, "hpcmaint.toml");

    public string JournalPath => Path.Combine(HpcmaintDir, "audit.jsonl");

    public RebuildPlanStore Plans => new(Path.Combine(HpcmaintDir, "plans"));

    /// <summary>[rebuild] metrics_file, shared by every plan the specs run.</summary>
    public string MetricsFile => Path.Combine(HpcmaintDir, "rebuild.prom");

    /// <summary>A sample of the plan's lines in <see cref="MetricsFile"/> (parsed strictly); -1 when there is none.</summary>
    public double PlanMetric(string plan, string name, params (string Name, string Value)[] labels) =>
        HpcMaint.Tests.Shared.PrometheusText.FileValue(MetricsFile, name, [("plan", plan), .. labels]);

    public async Task InitializeAsync()
    {
        var dir = Directory.CreateTempSubdirectory("hpcmaint-testbed-").FullName;
        var hm = Directory.CreateDirectory(Path.Combine(dir, "hm")).FullName;
        var config = Path.Combine(hm, "hpcmaint.toml");
        File.WriteAllText(config, $"""
            [slurm]
            {SlurmRelease.ConfigLines(dir)}

            [audit]
            journal = "{hm}/audit.jsonl"

            [rebuild]
            state_dir = "{hm}/plans"
            gate = ["/bin/true"]
            poll_interval = "200ms"
            prolog_timeout = "60s"
            metrics_file = "{hm}/rebuild.prom"
            """);
        var prolog = Scripts.PrologHook(Path.Combine(hm, "prolog-slurmctld"), config);
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(5), TimeProvider.System);
        cluster = await TestbedCluster.StartAsync(
            shape(new TestbedOptions
            {
                Directory = dir,
                RebootProgram = Path.Combine(Executables.Executables.RepositoryRoot, "tests", "testbed", "rebuild-reboot-sim.sh"),
                PrologSlurmctld = prolog,
            }),
            deadline.Token);
    }

    public async Task DisposeAsync()
    {
        if (cluster is not null)
        {
            await cluster.DisposeAsync();
        }
    }

    /// <summary>Waits until no job is left running or queued and every node is idle (an earlier spec's work is over).</summary>
    public async Task WaitQuietAsync()
    {
        var slurm = Slurm.TestbedSlurm.Client(Cluster);
        var quiet = await Slurm.TestbedSlurm.Eventually(async () =>
            (await slurm.GetJobsAsync()).Value.All(j => !j.IsActive) && await Cluster.AllNodesIdleAsync(), seconds: 90);
        Assert.True(quiet, "the testbed did not become quiet: " + string.Join(", ", (await Cluster.NodeStatesAsync()).Select(s => $"{s.Key} {s.Value}"))
            + "; active jobs: " + string.Join(", ", (await slurm.GetJobsAsync()).Value.Where(j => j.IsActive).Select(j => $"{j.Id} {j.Name} {j.State}")));
    }

    /// <summary>Puts every node on <paramref name="image"/> (its image:IMG feature), as after an earlier rebuild.</summary>
    public async Task SetImageAsync(string image, params string[] nodes)
    {
        if (nodes.Length == 0)
        {
            await WaitQuietAsync();
        }

        foreach (var node in nodes.Length == 0 ? Cluster.NodeNames : nodes)
        {
            var features = $"testbed,image:{image}";
            var update = await Cluster.RunClientAsync("scontrol", "update", "nodename=" + node, "AvailableFeatures=" + features, "ActiveFeatures=" + features);
            Assert.True(update.Succeeded, update.ToString());
            File.WriteAllText(Path.Combine(Cluster.Directory, "sim", node + ".features"), features + "\n");
        }
    }

    /// <summary>Puts a node a spec drained or held back in service with an empty record, for the specs after it.</summary>
    public async Task RestoreAsync(string node)
    {
        await Cluster.RunClientAsync("scontrol", "update", "nodename=" + node, "comment=");
        var state = await Cluster.RunClientAsync("scontrol", "show", "node", node);
        if (state.StandardOutput.Contains("DRAIN", StringComparison.Ordinal) || state.StandardOutput.Contains("State=DOWN", StringComparison.Ordinal))
        {
            await Cluster.RunClientAsync("scontrol", "update", "nodename=" + node, "state=resume");
        }
    }

    /// <summary>For a failed spec's message: the plan to <paramref name="image"/> node by node, the simulator's logs and the nodes' states.</summary>
    public string Diagnosis(string image)
    {
        var lines = new List<string>();
        foreach (var plan in Plans.All().Where(p => p.Image == image))
        {
            lines.Add($"plan {plan.Id}: {plan.Status}");
            lines.AddRange(plan.Nodes.Select(n => $"  {n.Name}: {n.Step} job {n.JobId} since {n.Since:u}: {n.Detail}"));
        }

        foreach (var log in new[] { "rebuilds.log", "reboots-on-image.log", "reboots.log" })
        {
            var path = Path.Combine(Cluster.Directory, "sim", log);
            lines.Add(log + ":");
            lines.AddRange(File.Exists(path) ? File.ReadLines(path).TakeLast(12).Select(l => "  " + l) : []);
        }

        var journal = new HpcMaint.Adapters.Audit.AuditJournal(JournalPath).Read(new HpcMaint.Core.Audit.AuditFilter(), out _);
        lines.AddRange(journal.TakeLast(25).Select(r => $"  {r.Timestamp:HH:mm:ss.fff} {r.Node} {r.Action} {r.Outcome}: {r.Reason}"));
        return string.Join('\n', lines);
    }

    /// <summary>The journal's records of one plan.</summary>
    public HpcMaint.Core.Audit.AuditRecord[] JournalOf(string plan) =>
        new HpcMaint.Adapters.Audit.AuditJournal(JournalPath).Read(new HpcMaint.Core.Audit.AuditFilter(), out _)
            .Where(r => r.Details.GetValueOrDefault("plan") == plan).ToArray();

    /// <summary>Rebuilds the simulator carried out to <paramref name="image"/>, per node (DIR/sim/rebuilds.log).</summary>
    public IReadOnlyDictionary<string, int> RebuildsTo(string image)
    {
        var log = Path.Combine(Cluster.Directory, "sim", "rebuilds.log");
        return File.Exists(log)
            ? File.ReadLines(log).Select(l => l.Split(' ')).Where(f => f.Length == 3 && f[2] == image).GroupBy(f => f[1]).ToDictionary(g => g.Key, g => g.Count())
            : new Dictionary<string, int>();
    }

    public Task<CommandResult> HpcmaintAsync(params string[] args) =>
        new ProcessRunner(TimeProvider.System).RunAsync(
            Command.For(Executables.Executables.Hpcmaint).WithArguments([.. args, "--config", ConfigPath]).WithTimeout(TimeSpan.FromMinutes(4)));

    /// <summary>What a process from <see cref="StartHpcmaint"/> printed so far, stdout and stderr mixed.</summary>
    public string OutputOf(Process process)
    {
        if (!outputs.TryGetValue(process, out var output))
        {
            return string.Empty;
        }

        lock (output)
        {
            return output.ToString();
        }
    }

    private static void Append(System.Text.StringBuilder output, string? line)
    {
        lock (output)
        {
            output.AppendLine(line);
        }
    }

    /// <summary>Starts hpcmaint without waiting for it (to kill it half-way).</summary>
    public Process StartHpcmaint(params string[] args) => StartHpcmaintWith(ConfigPath, args);

    /// <summary>The testbed's config with <paramref name="lines"/> added, as DIR/hm/NAME.toml (e.g. a [service] section).</summary>
    public string ConfigWith(string name, string lines)
    {
        var path = Path.Combine(HpcmaintDir, name + ".toml");
        File.WriteAllText(path, File.ReadAllText(ConfigPath) + "\n" + lines + "\n");
        return path;
    }

    /// <summary>Like <see cref="StartHpcmaint"/> with another config (from <see cref="ConfigWith"/>).</summary>
    public Process StartHpcmaintWith(string config, params string[] args)
    {
        var start = new ProcessStartInfo(Executables.Executables.Hpcmaint)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in args.Concat(["--config", config]))
        {
            start.ArgumentList.Add(a);
        }

        var process = Process.Start(start)!;
        var output = new System.Text.StringBuilder();
        outputs.Add(process, output);
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }
}

/// <summary>Rebuild specs share one <see cref="RebuildTestbed"/> and run one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class RebuildCollection : ICollectionFixture<RebuildTestbed>
{
    public const string Name = "rebuild testbed";
}

/// <summary>
/// The timed rebuild specs (makespan ratios, the what-if against the real run) on a 4-node testbed of
/// their own: their minute-long user jobs then run beside the rebuild collection, not after it.
/// </summary>
[CollectionDefinition(Name)]
public sealed class RebuildTimingCollection : ICollectionFixture<RebuildTestbed>
{
    public const string Name = "rebuild timing testbed";
}

/// <summary>The never-returns spec on a 4-node testbed of its own (<see cref="NeverReturnsSpecs"/>).</summary>
[CollectionDefinition(Name)]
public sealed class RebuildNeverReturnsCollection : ICollectionFixture<RebuildTestbed>
{
    public const string Name = "rebuild never-returns testbed";
}
