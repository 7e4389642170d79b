using System.Globalization;
using HpcMaint.Adapters.Audit;
using HpcMaint.Adapters.Processes;
using HpcMaint.Core.Audit;
using HpcMaint.Core.Health;
using HpcMaint.Core.Remediation;
using HpcMaint.Core.Slurm;
using HpcMaint.FakeOpenStack;
using HpcMaint.Integration.Tests.Slurm;
using HpcMaint.Integration.Tests.Testbed;
using HpcMaint.Tests.Shared;
using Xunit.Abstractions;

namespace HpcMaint.Integration.Tests.Executables;

/// <summary>
/// hpcmaint-reboot's methods on a real cluster: OpenStack reboots and rebuilds through the fake cloud
/// (a simulated reboot stands in for the instance restarting), a site rebuild command, and the hostile
/// process slurmctld starts it in.
/// </summary>
public sealed class RebootMethodSpecs(ITestOutputHelper output) : IAsyncDisposable
{
    private const string OldImage = "img-old";
    private const string NewImage = "img-new";

    private readonly string dir = Directory.CreateTempSubdirectory("hpcmaint-reboot-methods-").FullName;
    private readonly CancellationTokenSource stopWatching = new();
    private FakeOpenStackServer? fake;
    private Task watcher = Task.CompletedTask;

    private string Journal => Path.Combine(dir, "audit.jsonl");

    private string WorkDir => Path.Combine(dir, "work");

    private string MetricsFile => Path.Combine(dir, "reboot.prom");

    /// <summary>[reboot] with the spec's work directory and metrics file.</summary>
    private string RebootSection(string method = "os", string? command = null) =>
        $"[reboot]\nmethod = \"{method}\"\nwork_dir = \"{WorkDir}\"\nmetrics_file = \"{MetricsFile}\"\n" + (command is null ? string.Empty : $"command = [\"{command}\"]\n");

    /// <summary>A sample of [reboot] metrics_file, which must parse strictly; -1 when there is none.</summary>
    private double Metric(string name, params (string Name, string Value)[] labels) => PrometheusText.FileValue(MetricsFile, name, labels);

    public async ValueTask DisposeAsync()
    {
        await stopWatching.CancelAsync();
        await watcher;
        if (fake is not null)
        {
            await fake.DisposeAsync();
        }

        stopWatching.Dispose();
        Directory.Delete(dir, recursive: true);
    }

    private async Task<FakeOpenStackServer> StartCloudAsync()
    {
        fake = await FakeOpenStackServer.StartAsync(
            new FakeOptions { RebuildPhase = TimeSpan.FromMilliseconds(100), RebootTime = TimeSpan.FromMilliseconds(1) },
            new[] { "n1", "n2", "n3", "n4" }.Select(n => new FakeServer(FakeServerFile.IdFor(n), n, OldImage)));
        fake.WriteCloudsYaml(Path.Combine(dir, "clouds.yaml"), "fake");
        return fake;
    }

    private string OpenStackSection(string extra = "") => $"""
        [openstack]
        cloud = "fake"
        clouds_file = "{dir}/clouds.yaml"
        rebuild_timeout = "20s"
        slots_dir = "{dir}/openstack-slots"
        {extra}
        """;

    /// <summary>The config, and a RebootProgram wrapper that passes it (slurmd gives hooks no way to).</summary>
    private string WriteHook(string testbedDir, string sections)
    {
        var config = Path.Combine(dir, "hpcmaint.toml");
        File.WriteAllText(config, $"""
            [slurm]
            {SlurmRelease.ConfigLines(testbedDir)}
            [audit]
            journal = "{Journal}"
            {sections}
            """);
        return Scripts.RebootHook(Path.Combine(dir, "hpcmaint-reboot"), config);
    }

    private async Task<TestbedCluster> StartClusterAsync(Func<string, string> sections, params string[] extraLines)
    {
        var testbedDir = Directory.CreateTempSubdirectory("hpcmaint-testbed-").FullName;
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(3), TimeProvider.System);
        return await TestbedCluster.StartAsync(
            new TestbedOptions { Directory = testbedDir, RebootProgram = WriteHook(testbedDir, sections(testbedDir)), ExtraConfigLines = extraLines },
            deadline.Token);
    }

    /// <summary>"NODE IMAGE" per rebuild the site reimage command of <see cref="StartWithReimageAsync"/> carried out.</summary>
    private string Reimaged => Path.Combine(dir, "rebuilt");

    /// <summary>A cluster whose [rebuild] command is a reimage script (it notes the rebuild in <see cref="Reimaged"/>, then reboots the node).</summary>
    private Task<TestbedCluster> StartWithReimageAsync(Func<string, string>? sections = null, string rebuildKeys = "")
    {
        var script = Path.Combine(dir, "reimage");
        return StartClusterAsync(testbed =>
        {
            Scripts.Write(script, $"echo \"$1 $2\" >> '{Reimaged}'\nexec '{testbed}/bin/reboot-node-sim' \"$1\"");
            return (sections?.Invoke(testbed) ?? string.Empty) + $"[rebuild]\n{rebuildKeys}command = [\"{script}\", \"{{node}}\", \"{{image}}\"]\n";
        });
    }

    /// <summary>Restarts a node's slurmd (new BootTime) when the fake cloud accepts a reboot or rebuild of its server, as a real instance would.</summary>
    private void RestartNodesTheCloudReboots(TestbedCluster cluster)
    {
        var byId = cluster.NodeNames.ToDictionary(FakeServerFile.IdFor, n => n);
        var runner = new ProcessRunner(TimeProvider.System);
        watcher = Task.Run(async () =>
        {
            var seen = 0;
            while (!stopWatching.IsCancellationRequested)
            {
                var calls = fake!.Cloud.Log().Calls;
                foreach (var call in calls.Skip(seen).Where(c => c.Status == 202 && c.Server is not null && (c.Action == "rebuild" || c.Action.StartsWith("reboot-", StringComparison.Ordinal))))
                {
                    await runner.RunAsync(Command.For(Path.Combine(cluster.Directory, "bin", "reboot-node-sim")).WithArguments([byId[call.Server!]]));
                }

                seen = calls.Count;
                try
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(50), TimeProvider.System, stopWatching.Token);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        });
    }

    private IReadOnlyList<AuditRecord> Records(string? node = null) =>
        new AuditJournal(Journal).Read(new AuditFilter(Nodes: node is null ? null : new HashSet<string> { node }), out _);

    private Task<bool> WorkerDoneAsync(int seconds = 30) =>
        TestbedSlurm.Eventually(() => Task.FromResult(!Directory.Exists(WorkDir) || !Directory.EnumerateFiles(WorkDir, "plan-*").Any()), seconds);

    private static async Task<bool> BackAsync(HpcMaint.Adapters.Slurm.SlurmClient slurm, Dictionary<string, DateTimeOffset?> before, params string[] nodes) =>
        await TestbedSlurm.Eventually(async () =>
        {
            var now = (await slurm.GetNodesAsync()).Value.Where(n => nodes.Contains(n.Name)).ToArray();
            return now.Length == nodes.Length && now.All(n => n.BootTime > before[n.Name] && n.State == new NodeState(NodeBaseState.Idle, NodeFlags.None));
        }, seconds: 60);

    private static async Task<Dictionary<string, DateTimeOffset?>> BootTimesAsync(HpcMaint.Adapters.Slurm.SlurmClient slurm) =>
        (await slurm.GetNodesAsync()).Value.ToDictionary(n => n.Name, n => n.BootTime);

    [Fact]
    public async Task In_controller_mode_five_rounds_of_openstack_reboots_all_reach_the_cloud_and_bring_the_nodes_back()
    {
        var since = TimeProvider.System.GetUtcNow();
        await StartCloudAsync();
        await using var cluster = await StartClusterAsync(_ => RebootSection("openstack") + OpenStackSection(), "SlurmctldParameters=reboot_from_controller");
        RestartNodesTheCloudReboots(cluster);
        var slurm = TestbedSlurm.Client(cluster);

        for (var round = 1; round <= 5; round++)
        {
            var before = await BootTimesAsync(slurm);
            Assert.Equal(0, (await cluster.RunClientAsync("scontrol", "reboot", "n1,n3")).ExitCode);
            Assert.True(await BackAsync(slurm, before, "n1", "n3"), $"round {round}: {string.Join(", ", (await cluster.NodeStatesAsync()).Select(s => s.Key + "=" + s.Value))}");
        }

        Assert.True(await WorkerDoneAsync());
        var calls = fake!.Cloud.Log().Calls.Where(c => c.Action == "reboot-soft").ToArray();
        Assert.Equal(5, calls.Count(c => c.Server == FakeServerFile.IdFor("n1") && c.Status == 202));
        Assert.Equal(5, calls.Count(c => c.Server == FakeServerFile.IdFor("n3") && c.Status == 202));
        foreach (var node in new[] { "n1", "n3" })
        {
            var records = Records(node);
            Assert.Equal(5, records.Count(r => r.Outcome == AuditOutcome.Planned && r.Details["mode"] == "controller"));
            Assert.Equal(5, records.Count(r => r.Outcome == AuditOutcome.Succeeded && r.Details["method"] == "openstack-soft-reboot"));
            Assert.DoesNotContain(records, r => r.Outcome == AuditOutcome.Failed);
        }

        Assert.Empty(Records("n2"));
        var soft = new[] { ("method", "openstack-soft-reboot"), ("outcome", "succeeded") };
        Assert.Equal(10, Metric("hpcmaint_reboots_total", soft));
        Assert.Equal(10, Metric("hpcmaint_reboot_duration_seconds_count", soft));
        Assert.InRange(Metric("hpcmaint_reboot_duration_seconds_sum", soft), 0, 10 * 20);
        Assert.Equal(0, Metric("hpcmaint_reboot_openstack_in_flight"));
        Assert.True(Metric("hpcmaint_reboot_last_outcome_timestamp_seconds", soft) >= since.ToUnixTimeSeconds());
        Assert.Equal(-1, Metric("hpcmaint_reboots_total", ("outcome", "failed")));
    }

    [Fact]
    public async Task A_rebuild_job_gets_its_node_rebuilt_to_the_image_in_its_comment_before_it_runs()
    {
        await StartCloudAsync();
        await using var cluster = await StartClusterAsync(_ => RebootSection() + OpenStackSection(), "SlurmctldParameters=reboot_from_controller");
        RestartNodesTheCloudReboots(cluster);
        var slurm = TestbedSlurm.Client(cluster);

        var job = await cluster.SubmitAsync(
            "-p", "rebuild", "-w", "n2", "--reboot", "--exclusive", "--no-requeue", "-J", "hpcmaint-rebuild-n2",
            "--comment", $"hpcmaint image={NewImage}", "--wrap", "true");
        var ran = await TestbedSlurm.Eventually(async () => (await slurm.JobAsync(long.Parse(job, CultureInfo.InvariantCulture))).State.Ended(HpcMaint.Core.Slurm.JobBaseState.Completed), seconds: 60);

        Assert.True(ran, (await slurm.JobAsync(long.Parse(job, CultureInfo.InvariantCulture))).ToString());
        Assert.Equal((NewImage, "ACTIVE"), (fake!.Cloud.Find("n2")!.ImageId, fake.Cloud.Find("n2")!.Status));
        Assert.Equal(1, fake.Cloud.Log().RebuildsPerServer[FakeServerFile.IdFor("n2")]);
        var done = Assert.Single(Records("n2"), r => r.Outcome == AuditOutcome.Succeeded);
        Assert.Equal(("openstack-rebuild", NewImage), (done.Details["method"], done.Details["image"]));
        Assert.Contains($"rebuild job {job} asks for image {NewImage}", done.Reason, StringComparison.Ordinal);
        Assert.True(await WorkerDoneAsync());
        var rebuilt = new[] { ("method", "openstack-rebuild"), ("outcome", "succeeded") };
        Assert.Equal(1, Metric("hpcmaint_rebuilds_total", rebuilt));
        Assert.Equal(1, Metric("hpcmaint_rebuild_duration_seconds_count", rebuilt));
        // The fake cloud spends two 100 ms phases on a rebuild.
        Assert.InRange(Metric("hpcmaint_rebuild_duration_seconds_sum", rebuilt), 0.2, 20);
        Assert.Equal(0, Metric("hpcmaint_reboot_openstack_in_flight"));
    }

    [Fact]
    public async Task Run_by_slurmd_a_node_whose_ticket_is_at_the_rebuild_step_runs_the_site_rebuild_command()
    {
        await using var cluster = await StartWithReimageAsync(_ => RebootSection());
        var slurm = TestbedSlurm.Client(cluster);
        var at = DateTimeOffset.FromUnixTimeSeconds(1_763_700_000);
        var record = NodeRecordCodec.Encode(NodeRecord.Empty with { Ticket = new Ticket("gpu.ecc", "ecc", LadderStep.Rebuild, at, at, []) });
        (await slurm.SetCommentAsync("n2", record)).ShouldSucceed();
        var before = await BootTimesAsync(slurm);

        Assert.Equal(0, (await cluster.RunClientAsync("scontrol", "reboot", "n2")).ExitCode);

        Assert.True(await BackAsync(slurm, before, "n2"));
        Assert.Equal("n2 \n", File.ReadAllText(Reimaged));
        var done = Assert.Single(Records("n2"), r => r.Outcome == AuditOutcome.Succeeded);
        Assert.Equal(("rebuild-command", "slurmd"), (done.Details["method"], done.Details["mode"]));
        Assert.Contains("rebuild step", done.Reason, StringComparison.Ordinal);
        Assert.Equal(1, Metric("hpcmaint_rebuilds_total", ("method", "rebuild-command"), ("outcome", "started")));
        Assert.Equal(-1, Metric("hpcmaint_reboots_total"));
        Assert.Equal(-1, Metric("hpcmaint_rebuild_duration_seconds_count")); // a command runs detached: not timed
    }

    /// <summary>
    /// A job that only looks like a rebuild job (name, comment, --reboot), submitted for a user who is
    /// neither root nor SlurmUser (nobody, uid 65534, through sbatch --uid as root), chooses no image: its node is
    /// rebooted, not rebuilt. The same job from root is a rebuild. [rebuild] partition is batch here, a
    /// partition users can submit to (the testbed's rebuild partition is RootOnly).
    /// </summary>
    [Fact]
    public async Task A_lookalike_rebuild_job_of_another_user_is_ignored_by_hpcmaint_reboot_and_the_same_job_from_root_is_honoured()
    {
        await using var cluster = await StartWithReimageAsync(testbed => RebootSection(command: $"{testbed}/bin/reboot-node-sim"), "partition = \"batch\"\n");
        var slurm = TestbedSlurm.Client(cluster);

        // By number: 26.05's sbatch refuses --uid=nobody ("Invalid --uid specification"), not --uid=65534.
        var theirs = await RunLookalikeAsync(cluster, slurm, "--uid=65534", "--gid=65534");

        Assert.False(File.Exists(Reimaged), "the job of nobody got n2 rebuilt");
        Assert.Contains(Records("n2"), r => r.Action == "note" && r.Reason!.StartsWith($"rebuild job {theirs} of user nobody ignored", StringComparison.Ordinal));
        Assert.Equal("os-reboot", Assert.Single(Records("n2"), r => r.Action == "reboot" && r.Outcome == AuditOutcome.Succeeded).Details["method"]);

        var ours = await RunLookalikeAsync(cluster, slurm);

        Assert.Equal("n2 img-2\n", File.ReadAllText(Reimaged));
        var rebuilt = Assert.Single(Records("n2"), r => r.Action == "reboot" && r.Outcome == AuditOutcome.Succeeded && r.Details["method"] == "rebuild-command");
        Assert.Contains($"rebuild job {ours} asks for image img-2", rebuilt.Reason, StringComparison.Ordinal);
    }

    /// <summary>Submits the lookalike for n2 (as root, or with the given --uid/--gid) and waits until it has run and n2 is back.</summary>
    private static async Task<string> RunLookalikeAsync(TestbedCluster cluster, HpcMaint.Adapters.Slurm.SlurmClient slurm, params string[] user)
    {
        var job = await cluster.SubmitAsync(
            [.. user, "-p", "batch", "-w", "n2", "--reboot", "--exclusive", "--no-requeue", "-J", "hpcmaint-rebuild-n2",
             "--comment", $"hpcmaint image={(user.Length == 0 ? "img-2" : "img-evil")}", "-o", "/dev/null", "--chdir=/tmp", "--wrap", "true"]);
        var id = long.Parse(job, CultureInfo.InvariantCulture);
        var done = await TestbedSlurm.Eventually(async () =>
            (await slurm.JobAsync(id)).State is var state && (state.Ended(HpcMaint.Core.Slurm.JobBaseState.Completed) || state.Ended(HpcMaint.Core.Slurm.JobBaseState.Failed)) && (await slurm.NodeAsync("n2")) is { State.Base: NodeBaseState.Idle, State.IsRebootPending: false }, seconds: 60);
        Assert.True(done, $"job {job}: {await slurm.JobAsync(id)}; n2: {(await slurm.NodeAsync("n2")).State}");
        return job;
    }

    /// <summary>
    /// slurmctld 22.05 starts the program with stdio closed and SIGCHLD and SIGTERM blocked; 24.11 kills its
    /// process group once it exits. A perl stand-in does both, around a ranged node list (Slurm 26.05's form).
    /// </summary>
    [Fact]
    public async Task Started_as_hostile_as_slurmctld_starts_it_no_handed_off_work_is_lost_in_five_runs()
    {
        await StartCloudAsync();
        await using var cluster = await StartClusterAsync(_ => RebootSection("openstack") + OpenStackSection());
        var config = Path.Combine(dir, "hpcmaint.toml");
        var status = Path.Combine(dir, "status");
        var runner = new ProcessRunner(TimeProvider.System);
        var took = new List<TimeSpan>();

        for (var run = 0; run < 5; run++)
        {
            var result = await runner.RunAsync(Command.For("/usr/bin/perl")
                .WithArguments(["-e", HostileParent, status, Executables.Reboot, "--config", config, "n[1-3]", "feature_x"])
                .WithTimeout(TimeSpan.FromSeconds(30)));
            Assert.Equal(CommandOutcome.Signaled, result.Outcome);
            Assert.Equal("0", File.ReadAllText(status));
            took.Add(result.RunTime);
        }

        Assert.True(await WorkerDoneAsync(), "a plan was left behind");
        var log = fake!.Cloud.Log();
        foreach (var node in new[] { "n1", "n2", "n3" })
        {
            Assert.Equal(5, log.Calls.Count(c => c.Action == "reboot-soft" && c.Server == FakeServerFile.IdFor(node) && c.Status == 202));
            Assert.Equal(5, Records(node).Count(r => r.Outcome == AuditOutcome.Succeeded));
        }

        Assert.DoesNotContain(Records(), r => r.Outcome == AuditOutcome.Failed);
        // Five hooks and their workers, some at once, added to one file under its lock: none lost.
        Assert.Equal(15, Metric("hpcmaint_reboots_total", ("method", "openstack-soft-reboot"), ("outcome", "succeeded")));
        Assert.Equal(0, Metric("hpcmaint_reboot_openstack_in_flight"));
        output.WriteLine("hook run times: " + string.Join(", ", took.Select(t => $"{t.TotalMilliseconds:0} ms")));
        Assert.All(took, t => Assert.InRange(t, TimeSpan.Zero, TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task A_rebuild_that_ends_in_ERROR_leaves_its_node_drained_with_the_fault_and_the_others_rebooted()
    {
        await StartCloudAsync();
        fake!.Cloud.PlantRebuildFault("n4", 500, "No valid host was found.");
        await using var cluster = await StartClusterAsync(_ => RebootSection("openstack") + OpenStackSection($"image = \"{NewImage}\""));
        var slurm = TestbedSlurm.Client(cluster);
        var at = DateTimeOffset.FromUnixTimeSeconds(1_763_700_000);
        var record = NodeRecordCodec.Encode(NodeRecord.Empty with { Ticket = new Ticket("gpu.ecc", "ecc", LadderStep.Rebuild, at, at, []) });
        (await slurm.SetCommentAsync("n4", record)).ShouldSucceed();

        var result = await new ProcessRunner(TimeProvider.System).RunAsync(
            Command.For(Executables.Reboot).WithArguments(["--config", Path.Combine(dir, "hpcmaint.toml"), "n3,n4"]));

        Assert.Equal(0, result.ExitCode);
        Assert.True(await WorkerDoneAsync());
        var n4 = await slurm.NodeAsync("n4");
        Assert.True(n4.State.IsDrainSet, n4.State.ToString());
        Assert.StartsWith("hpcmaint: rebuild: ", n4.Reason, StringComparison.Ordinal);
        Assert.Contains("No valid host was found.", n4.Reason, StringComparison.Ordinal);
        Assert.Equal(new[] { AuditOutcome.Planned, AuditOutcome.Failed }, Records("n4").Where(r => r.Action == "reboot").Select(r => r.Outcome));
        Assert.Single(Records("n4"), r => r.Action == "drain" && r.Outcome == AuditOutcome.Succeeded);
        Assert.Single(Records("n3"), r => r.Outcome == AuditOutcome.Succeeded && r.Details["method"] == "openstack-soft-reboot");
        Assert.False((await slurm.NodeAsync("n3")).State.IsDrainSet);
        Assert.Equal(1, Metric("hpcmaint_rebuilds_total", ("method", "openstack-rebuild"), ("outcome", "failed")));
        Assert.Equal(1, Metric("hpcmaint_rebuild_duration_seconds_count", ("method", "openstack-rebuild"), ("outcome", "failed")));
        Assert.Equal(1, Metric("hpcmaint_reboots_total", ("method", "openstack-soft-reboot"), ("outcome", "succeeded")));
        Assert.Equal(-1, Metric("hpcmaint_rebuilds_total", ("outcome", "succeeded")));
        Assert.Equal(0, Metric("hpcmaint_reboot_openstack_in_flight"));
    }

    /// <summary>argv: STATUSFILE PROGRAM ARGS…; the child gets closed stdio and blocked SIGCHLD/SIGTERM; the group dies after.</summary>
    private const string HostileParent = """
        use POSIX;
        my $status = shift @ARGV;
        my $pid = fork();
        if ($pid == 0) {
            sigprocmask(SIG_BLOCK, POSIX::SigSet->new(SIGCHLD, SIGTERM));
            POSIX::close(0); POSIX::close(1); POSIX::close(2);
            exec(@ARGV) or POSIX::_exit(127);
        }
        waitpid($pid, 0);
        open(my $f, '>', $status); print $f ($? >> 8); close($f);
        kill('KILL', -getpgrp());
        """;
}
