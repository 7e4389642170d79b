using HpcMaint.Adapters.Processes;
using HpcMaint.FakeOpenStack;
using HpcMaint.Integration.Tests.Testbed;

namespace HpcMaint.Integration.Tests.Rebuild;

/// <summary>
/// The whole Flow B on one machine: a 4-node testbed whose RebootProgram is hpcmaint-reboot (run by
/// slurmctld, reboot_from_controller), PrologSlurmctld is `hpcmaint prolog-slurmctld`, and the nodes are
/// servers n1..n4 of a fake Keystone+Nova. A watcher plays the instances: when the fake finishes a
/// server's rebuild or reboot, that node's slurmd restarts (new BootTime); when a server goes to ERROR,
/// its slurmd stops for good, as a broken instance would.
/// </summary>
public sealed class OpenStackRebuildBed : IAsyncDisposable
{
    public const string OldImage = "img-old";

    private readonly CancellationTokenSource stopWatching = new();
    private readonly Task watcher;

    private OpenStackRebuildBed(TestbedCluster cluster, FakeOpenStackServer fake, string hpcmaintDir)
    {
        Cluster = cluster;
        Fake = fake;
        HpcmaintDir = hpcmaintDir;
        watcher = Task.Run(() => PlayInstancesAsync(stopWatching.Token));
    }

    public TestbedCluster Cluster { get; }

    public FakeOpenStackServer Fake { get; }

    public string HpcmaintDir { get; }

    /// <summary>Restarts of a node the watcher could not carry out (a spec asserts there are none).</summary>
    public System.Collections.Concurrent.ConcurrentBag<string> InstanceProblems { get; } = [];

    public string ConfigPath => Path.Combine(HpcmaintDir, "hpcmaint.toml");

    public string JournalPath => Path.Combine(HpcmaintDir, "audit.jsonl");

    public string WorkDir => Path.Combine(HpcmaintDir, "reboot");

    public HpcMaint.Adapters.Rebuild.RebuildPlanStore Plans => new(Path.Combine(HpcmaintDir, "plans"));

    /// <param name="maxInFlight">[openstack] max_in_flight: OpenStack operations in flight across every hpcmaint-reboot.</param>
    public static async Task<OpenStackRebuildBed> StartAsync(int maxInFlight)
    {
        var fake = await FakeOpenStackServer.StartAsync(
            new FakeOptions { RebuildPhase = TimeSpan.FromMilliseconds(300), RebootTime = TimeSpan.FromMilliseconds(100) },
            new[] { "n1", "n2", "n3", "n4" }.Select(n => new FakeServer(FakeServerFile.IdFor(n), n, OldImage)));
        var dir = Directory.CreateTempSubdirectory("hpcmaint-testbed-").FullName;
        var hm = Directory.CreateDirectory(Path.Combine(dir, "hm")).FullName;
        fake.WriteCloudsYaml(Path.Combine(hm, "clouds.yaml"), "fake");
        var config = Path.Combine(hm, "hpcmaint.toml");
        File.WriteAllText(config, $"""
            [slurm]
            {SlurmRelease.ConfigLines(dir)}

            [audit]
            journal = "{hm}/audit.jsonl"

            [reboot]
            work_dir = "{hm}/reboot"

            [openstack]
            cloud = "fake"
            clouds_file = "{hm}/clouds.yaml"
            rebuild_timeout = "30s"
            max_in_flight = {maxInFlight}
            slots_dir = "{hm}/openstack-slots"

            [rebuild]
            state_dir = "{hm}/plans"
            image_source = "openstack"
            gate = ["/bin/true"]
            poll_interval = "200ms"
            prolog_timeout = "60s"
            """);
        var reboot = Scripts.RebootHook(Path.Combine(hm, "hpcmaint-reboot"), config);
        var prolog = Scripts.PrologHook(Path.Combine(hm, "prolog-slurmctld"), config);
        Directory.CreateDirectory(Path.Combine(dir, "sim"));
        foreach (var node in new[] { "n1", "n2", "n3", "n4" })
        {
            File.WriteAllText(Path.Combine(dir, "sim", node + ".downtime"), "1");
        }

        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(5), TimeProvider.System);
        try
        {
            var cluster = await TestbedCluster.StartAsync(
                new TestbedOptions
                {
                    Directory = dir,
                    RebootProgram = reboot,
                    PrologSlurmctld = prolog,
                    ExtraConfigLines = ["SlurmctldParameters=reboot_from_controller"],
                },
                deadline.Token);
            return new OpenStackRebuildBed(cluster, fake, hm);
        }
        catch
        {
            await fake.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stopWatching.CancelAsync();
        await watcher;
        await Cluster.DisposeAsync();
        await Fake.DisposeAsync();
        stopWatching.Dispose();
    }

    /// <summary>Puts servers on an image, as after an earlier rebuild.</summary>
    public void SetImage(string image, params string[] nodes)
    {
        foreach (var node in nodes)
        {
            Fake.Cloud.Find(node)!.ImageId = image;
        }
    }

    public Task<CommandResult> HpcmaintAsync(params string[] args) =>
        new ProcessRunner(TimeProvider.System).RunAsync(
            Command.For(Executables.Executables.Hpcmaint).WithArguments([.. args, "--config", ConfigPath]).WithTimeout(TimeSpan.FromMinutes(4)));

    /// <summary>For a failure message: what hpcmaint said, the plan, Slurm's nodes and jobs, the cloud's servers, the journal.</summary>
    public async Task<string> DescribeAsync(CommandResult rebuild)
    {
        var status = await HpcmaintAsync("rebuild", "status");
        var nodes = await Cluster.RunClientAsync("sinfo", "-N", "-o", "%N %T %E");
        var jobs = await Cluster.RunClientAsync("squeue", "-a", "-o", "%i %j %T %R");
        var servers = string.Join("\n", Cluster.NodeNames.Select(n => Fake.Cloud.Find(n)) .Select(s => $"{s!.Name} {s.Status} {s.TaskState} {s.ImageId}"));
        var journal = File.Exists(JournalPath) ? File.ReadAllText(JournalPath) : "(no journal)";
        return $"exit {rebuild.ExitCode}\n{rebuild.StandardOutput}\n{rebuild.StandardError}\n-- status\n{status.StandardOutput}\n-- sinfo\n{nodes}\n-- squeue\n{jobs}\n-- servers\n{servers}\n-- journal\n{journal}";
    }

    /// <summary>After each accepted rebuild or reboot: wait for the server to settle, then restart (ACTIVE) or stop (ERROR) the node.</summary>
    private async Task PlayInstancesAsync(CancellationToken ct)
    {
        var runner = new ProcessRunner(TimeProvider.System);
        var simulator = Path.Combine(Cluster.Directory, "bin", "reboot-node-sim");
        var byId = Cluster.NodeNames.ToDictionary(FakeServerFile.IdFor, n => n);
        var busy = new HashSet<string>(StringComparer.Ordinal);
        var seen = 0;
        while (!ct.IsCancellationRequested)
        {
            var calls = Fake.Cloud.Log().Calls;
            busy.UnionWith(calls.Skip(seen)
                .Where(c => c.Status == 202 && c.Server is not null && (c.Action == "rebuild" || c.Action.StartsWith("reboot-", StringComparison.Ordinal)))
                .Select(c => byId[c.Server!]));
            seen = calls.Count;
            foreach (var node in busy.ToArray())
            {
                var server = Fake.Cloud.Find(node)!;
                if (server.TaskState is not null || (server.Status != "ACTIVE" && server.Status != "ERROR"))
                {
                    continue;
                }

                busy.Remove(node);
                if (server.Status == "ERROR")
                {
                    File.WriteAllText(Path.Combine(Cluster.Directory, "sim", node + ".mode"), "never");
                }

                var played = await runner.RunAsync(Command.For(simulator).WithArguments([node]).WithTimeout(TimeSpan.FromSeconds(10)), CancellationToken.None);
                if (!played.IsSuccess)
                {
                    InstanceProblems.Add($"{node}: {played.StandardError}");
                }
            }

            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100), TimeProvider.System, ct);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
