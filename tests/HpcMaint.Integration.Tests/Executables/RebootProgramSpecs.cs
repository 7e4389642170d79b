using HpcMaint.Adapters.Audit;
using HpcMaint.Adapters.Processes;
using HpcMaint.Core.Audit;
using HpcMaint.Core.Slurm;
using HpcMaint.Integration.Tests.Slurm;
using HpcMaint.Integration.Tests.Testbed;

namespace HpcMaint.Integration.Tests.Executables;

/// <summary>hpcmaint-reboot as slurm.conf's RebootProgram on a real cluster, in both of Slurm's modes.</summary>
public sealed class RebootProgramSpecs : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("hpcmaint-reboot-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private string Journal => Path.Combine(dir, "audit.jsonl");

    /// <summary>A config whose reboot command is the testbed's reboot simulator, and a wrapper passing it.</summary>
    private string WriteHook(string testbedDir)
    {
        var config = Path.Combine(dir, "hpcmaint.toml");
        File.WriteAllText(config, $"""
            [slurm]
            {SlurmRelease.ConfigLines(testbedDir)}
            [audit]
            journal = "{Journal}"
            [reboot]
            command = ["{testbedDir}/bin/reboot-node-sim", "{"{node}"}"]
            """);
        return Scripts.RebootHook(Path.Combine(dir, "hpcmaint-reboot"), config);
    }

    private async Task<TestbedCluster> StartAsync(params string[] extraLines)
    {
        // The testbed directory must exist before the hook is written into slurm.conf: reserve it first.
        var testbedDir = Directory.CreateTempSubdirectory("hpcmaint-testbed-").FullName;
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(3), TimeProvider.System);
        return await TestbedCluster.StartAsync(
            new TestbedOptions { Directory = testbedDir, RebootProgram = WriteHook(testbedDir), ExtraConfigLines = extraLines },
            deadline.Token);
    }

    [Fact]
    public async Task Run_by_slurmd_it_reboots_its_own_node_and_journals_the_decision()
    {
        await using var cluster = await StartAsync();
        var slurm = TestbedSlurm.Client(cluster);
        var before = await slurm.NodeAsync("n2");

        Assert.Equal(0, (await cluster.RunClientAsync("scontrol", "reboot", "n2")).ExitCode);
        var back = await TestbedSlurm.Eventually(async () =>
        {
            var n = await slurm.NodeAsync("n2");
            return n.BootTime > before.BootTime && n.State.Base == NodeBaseState.Idle && !n.State.IsRebootPending;
        }, seconds: 45);

        Assert.True(back, (await slurm.NodeAsync("n2")).State.ToString());
        var records = new AuditJournal(Journal).Read(new AuditFilter(Nodes: new HashSet<string> { "n2" }), out _);
        Assert.Equal(new[] { AuditOutcome.Planned, AuditOutcome.Succeeded }, records.Select(r => r.Outcome));
        Assert.All(records, r => Assert.Equal(("hpcmaint-reboot", "reboot", "slurmd"), (r.Actor, r.Action, r.Details["mode"])));
        Assert.Equal(1, cluster.RebootCount("n2"));
        Assert.Equal(0, cluster.RebootCount("n1"));
    }

    [Fact]
    public async Task Run_by_slurmctld_it_reboots_every_node_of_the_list_and_returns_without_waiting()
    {
        await using var cluster = await StartAsync("SlurmctldParameters=reboot_from_controller");
        var slurm = TestbedSlurm.Client(cluster);
        var before = (await slurm.GetNodesAsync()).Value.ToDictionary(n => n.Name, n => n.BootTime);

        Assert.Equal(0, (await cluster.RunClientAsync("scontrol", "reboot", "n1,n3")).ExitCode);
        var back = await TestbedSlurm.Eventually(async () =>
        {
            var nodes = (await slurm.GetNodesAsync()).Value.Where(n => n.Name is "n1" or "n3").ToArray();
            return nodes.All(n => n.BootTime > before[n.Name] && n.State.Base == NodeBaseState.Idle && !n.State.IsRebootPending);
        }, seconds: 60);

        Assert.True(back);
        var records = new AuditJournal(Journal).Read(new AuditFilter(Action: "reboot"), out _);
        Assert.Equal(new[] { "n1", "n3" }, records.Where(r => r.Outcome == AuditOutcome.Succeeded).Select(r => r.Node).Order(StringComparer.Ordinal));
        Assert.All(records, r => Assert.Equal("controller", r.Details["mode"]));
        Assert.Equal(0, cluster.RebootCount("n2"));
    }

    [Fact]
    public async Task With_stdin_stdout_and_stderr_closed_as_slurmctld_starts_it_every_reboot_is_still_handed_off()
    {
        var marker = Path.Combine(dir, "rebooted");
        var config = Path.Combine(dir, "closed.toml");
        File.WriteAllText(config, $"[audit]\njournal = \"{Journal}\"\n[reboot]\ncommand = [\"/usr/bin/touch\", \"{marker}-{{node}}\"]\n");
        var runner = new ProcessRunner(TimeProvider.System);

        // The shell here only stands in for slurmctld 22.05, which closes fds 0-2 before exec.
        for (var run = 0; run < 5; run++)
        {
            var result = await runner.RunAsync(Command.For("/bin/sh").WithArguments(
                ["-c", "exec 0<&- 1>&- 2>&-; exec \"$0\" \"$@\"", Executables.Reboot, "--config", config, "n1,n3"]));
            Assert.Equal((CommandOutcome.Exited, 0), (result.Outcome, result.ExitCode));
        }

        Assert.True(await TestbedSlurm.Eventually(() => Task.FromResult(File.Exists(marker + "-n1") && File.Exists(marker + "-n3")), seconds: 10));
        var records = new AuditJournal(Journal).Read(new AuditFilter(), out var skipped);
        Assert.Equal(0, skipped);
        Assert.Equal(20, records.Count);
        Assert.Equal(10, records.Count(r => r.Outcome == AuditOutcome.Succeeded));
    }

    [Fact]
    public async Task With_slurmctld_killed_a_node_that_may_be_due_for_a_rebuild_is_rebooted_and_the_journal_says_why_it_was_not_rebuilt()
    {
        await using var cluster = await StartAsync();
        var marker = Path.Combine(dir, "ran");
        var config = Path.Combine(dir, "down.toml");
        File.WriteAllText(config, $$"""
            [slurm]
            {{SlurmRelease.ConfigLines(cluster.Directory)}}
            [audit]
            journal = "{{Journal}}"
            [reboot]
            command = ["/usr/bin/touch", "{{marker}}-reboot-{node}"]
            [rebuild]
            command = ["/usr/bin/touch", "{{marker}}-rebuild-{node}"]
            """);
        await cluster.KillControllerAsync();

        // With stdio closed, as slurmctld 22.05 starts it: nothing it prints reaches anyone.
        var result = await new ProcessRunner(TimeProvider.System).RunAsync(Command.For("/bin/sh").WithArguments(
            ["-c", "exec 0<&- 1>&- 2>&-; exec \"$0\" \"$@\"", Executables.Reboot, "--config", config, "n2"]));

        Assert.Equal((CommandOutcome.Exited, 0), (result.Outcome, result.ExitCode));
        Assert.True(await TestbedSlurm.Eventually(() => Task.FromResult(File.Exists(marker + "-reboot-n2")), seconds: 10));
        Assert.False(File.Exists(marker + "-rebuild-n2"));
        var records = new AuditJournal(Journal).Read(new AuditFilter(Nodes: new HashSet<string> { "n2" }), out _);
        Assert.Contains(records, r => r.Action == "note" && r.Reason!.StartsWith("rebuild jobs not read: slurmctld is unreachable: ", StringComparison.Ordinal));
        Assert.Contains(records, r => r.Action == "note" && r.Reason!.StartsWith("node record not read: slurmctld is unreachable: ", StringComparison.Ordinal));
        var rebooted = Assert.Single(records, r => r.Action == "reboot" && r.Outcome == AuditOutcome.Succeeded);
        Assert.Contains("rebooting, not rebuilding, although a rebuild could not be ruled out: rebuild jobs not read: slurmctld is unreachable", rebooted.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_dry_run_prints_what_would_run_for_a_ranged_node_list_and_changes_nothing()
    {
        var config = Path.Combine(dir, "dry.toml");
        File.WriteAllText(config, $"[audit]\njournal = \"{Journal}\"\n[reboot]\ncommand = [\"/usr/bin/ipmitool\", \"-H\", \"{{node}}-bmc\", \"chassis\", \"power\", \"cycle\"]\n");

        var result = await new ProcessRunner(TimeProvider.System).RunAsync(
            Command.For(Executables.Reboot).WithArguments(["--config", config, "--dry-run", "gpu[01-02]"]));

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(
            "would reboot gpu01: /usr/bin/ipmitool -H gpu01-bmc chassis power cycle\nwould reboot gpu02: /usr/bin/ipmitool -H gpu02-bmc chassis power cycle\n",
            result.StandardOutput);
        var records = new AuditJournal(Journal).Read(new AuditFilter(), out _);
        Assert.All(records, r => Assert.True(r.DryRun && r.Outcome == AuditOutcome.Planned));
        Assert.Equal(2, records.Count);
    }
}
