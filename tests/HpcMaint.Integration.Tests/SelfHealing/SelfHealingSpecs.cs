using System.Diagnostics;
using HpcMaint.Adapters.Processes;
using HpcMaint.Core;
using HpcMaint.Core.Health;
using HpcMaint.Core.Remediation;
using HpcMaint.Core.Slurm;
using HpcMaint.Integration.Tests.Slurm;
using HpcMaint.Integration.Tests.Testbed;
using HpcMaint.Tests.Shared;

namespace HpcMaint.Integration.Tests.SelfHealing;

/// <summary>Flow A end to end: hpcmaint-health as slurmd's HealthCheckProgram on a real Slurm, with injected faults.</summary>
[Collection("self-healing")]
public sealed class SelfHealingSpecs
{
    private const string EccFault = "rtx-a5000-x2_590.44.01_ECC-EDITED.xml";
    private const string LostGpu = "rtx-a5000-x2_590.44.01_GPU-MISSING-EDITED.xml";

    [Fact]
    public async Task A_gpu_fault_drains_exactly_that_node_and_clearing_it_resumes_the_node_after_its_reboot()
    {
        await using var bed = await SelfHealingBed.StartAsync();
        bed.ReplayGpus("n2", EccFault);

        await bed.WaitAsync(async () => (await bed.NodeAsync("n2")).ReasonIsOurs, 40, "n2 was not drained by hpcmaint");
        var drained = await bed.NodeAsync("n2");
        Assert.StartsWith("hpcmaint: gpu.nvidia.ecc: ", drained.Reason, StringComparison.Ordinal);
        Assert.True(drained.State.IsDrainSet);
        foreach (var other in new[] { "n1", "n3", "n4" })
        {
            Assert.Null((await bed.NodeAsync(other)).Reason);
        }

        bed.ReplayGpus("n2");

        Assert.True(await TestbedSlurm.Eventually(async () => await bed.NodeAsync("n2") is var n && SlurmRelease.IsBackInService(n) && Record(n).Ticket is null, 60),
            "n2 was not resumed after the fault cleared");
        Assert.True(bed.Cluster.RebootCount("n2") >= 1, "the ladder's first step is a reboot through Slurm");
        Assert.Single(Record(await bed.NodeAsync("n2")).PastTickets);
        Assert.Contains("\"action\":\"resume\"", bed.JournalText(), StringComparison.Ordinal);

        // The run that resumed n2 adds to its counters as it ends, just after the resume.
        var counters = bed.CountersFile("n2");
        await bed.WaitAsync(() => Task.FromResult(PrometheusText.FileValue(counters, "hpcmaint_health_resumes_total") == 1), 20, "n2's resume was not counted");
        Assert.Equal(1, PrometheusText.FileValue(counters, "hpcmaint_health_drains_total"));
        Assert.Equal(1, PrometheusText.FileValue(counters, "hpcmaint_health_tickets_opened_total", ("step", "reboot")));
        Assert.Equal(1, PrometheusText.FileValue(counters, "hpcmaint_health_tickets_closed_total", ("step", "reboot")));
        Assert.InRange(PrometheusText.FileValue(counters, "hpcmaint_health_remediation_seconds"), 1, 120);
        Assert.Equal(-1, PrometheusText.FileValue(counters, "hpcmaint_health_remedies_total"));
        Assert.Equal(bed.Cluster.RebootCount("n2"), PrometheusText.FileValue(bed.RebootMetricsFile, "hpcmaint_reboots_total", ("method", "os-reboot"), ("outcome", "started")));
        await bed.WaitAsync(
            () => Task.FromResult(bed.MetricValue("n2", "hpcmaint_health_check_status", ("check", "gpus")) == 0
                && bed.MetricValue("n2", "hpcmaint_health_ticket_open", ("step", "reboot")) == 0),
            20,
            "n2's gauges still show the fault");
        foreach (var other in new[] { "n1", "n3", "n4" })
        {
            Assert.False(File.Exists(bed.CountersFile(other)), $"{other} did nothing, yet has counters");
        }
    }

    [Fact]
    public async Task A_tool_printing_NULs_and_escape_sequences_drains_its_node_with_a_printable_reason()
    {
        await using var bed = await SelfHealingBed.StartAsync();
        bed.ReplayGpuText("n3", "Unable to determine the device handle for GPU\0\0\u001b[2J0000:3B:00.0: Unknown Error\n\0\0\0\u0007");

        await bed.WaitAsync(async () => (await bed.NodeAsync("n3")).ReasonIsOurs, 40, "n3 was not drained by hpcmaint");
        var reason = (await bed.NodeAsync("n3")).Reason!;
        Assert.StartsWith("hpcmaint: gpu.nvidia.lost: GPU \\x00\\x00\\x1B[2J0000:3B:00.0 lost vs all GPUs reachable", reason, StringComparison.Ordinal);
        Assert.True(PrintableText.IsPrintable(reason, keepLines: false), reason);
        Assert.DoesNotContain("internal error", bed.JournalText(), StringComparison.Ordinal);
        foreach (var other in new[] { "n1", "n2", "n4" })
        {
            Assert.Null((await bed.NodeAsync(other)).Reason);
        }
    }

    [Fact]
    public async Task A_persistent_fault_climbs_reboot_then_rebuild_then_manual_with_a_notification()
    {
        await using var bed = await SelfHealingBed.StartAsync();
        bed.Unmount("n3");

        var climbed = await TestbedSlurm.Eventually(async () => Record(await bed.NodeAsync("n3")).Ticket?.Step == LadderStep.Manual, 120);
        Assert.True(climbed, climbed ? null : "n3 did not reach the manual step" + await bed.DiagnosisAsync("n3"));

        var node = await bed.NodeAsync("n3");
        Assert.StartsWith("hpcmaint: manual: fs.mount: ", node.Reason, StringComparison.Ordinal);
        Assert.True(node.State.IsDrainSet);
        var history = Record(node).Ticket!.History.Select(e => e.What).ToArray();
        Assert.Equal(["drain", "reboot", "rebuild", "manual"], history);
        Assert.True(bed.Cluster.RebootCount("n3") >= 2, "one reboot for the reboot step and one for the rebuild");
        Assert.Equal(["n3"], File.ReadAllLines(bed.Rebuilds));
        // The notify command's `>>` makes the file before cat has written to it: wait for the text itself.
        Assert.True(await TestbedSlurm.Eventually(() => Task.FromResult(File.Exists(bed.Notifications) && File.ReadAllText(bed.Notifications).Contains("\"node\": \"n3\"", StringComparison.Ordinal)), 10),
            "no notification for n3");
        var notification = File.ReadAllText(bed.Notifications);
        Assert.Contains("fs.mount", notification, StringComparison.Ordinal);
        var journal = bed.JournalText();
        foreach (var action in new[] { "drain", "request-reboot", "request-rebuild", "notify" })
        {
            Assert.Contains($"\"node\":\"n3\",\"action\":\"{action}\"", journal, StringComparison.Ordinal);
        }

        // One ticket, one drain (the climb rewrites its reason), nothing closed; one reboot and one rebuild by hpcmaint-reboot.
        var counters = bed.CountersFile("n3");
        Assert.Equal(1, PrometheusText.FileValue(counters, "hpcmaint_health_drains_total"));
        Assert.Equal(1, PrometheusText.FileValue(counters, "hpcmaint_health_tickets_opened_total", ("step", "reboot")));
        Assert.Equal(-1, PrometheusText.FileValue(counters, "hpcmaint_health_tickets_closed_total"));
        // The gauges are written as the run that climbed to manual ends, just after its record.
        await bed.WaitAsync(() => Task.FromResult(bed.MetricValue("n3", "hpcmaint_health_ticket_open", ("step", "manual")) == 1), 20, "n3's gauges do not show the manual step");
        var started = ("outcome", "started");
        var reboots = PrometheusText.FileValue(bed.RebootMetricsFile, "hpcmaint_reboots_total", ("method", "os-reboot"), started);
        var rebuilds = PrometheusText.FileValue(bed.RebootMetricsFile, "hpcmaint_rebuilds_total", ("method", "rebuild-command"), started);
        // Each reboot the testbed simulated was started by hpcmaint-reboot and counted there: one rebuild, the rest reboots.
        var simulated = bed.Cluster.RebootCount("n3");
        Assert.True(rebuilds == 1 && reboots >= 1 && reboots + rebuilds == simulated,
            $"hpcmaint-reboot counted {reboots} reboot(s) and {rebuilds} rebuild(s) of n3; the testbed simulated {simulated}:\n{File.ReadAllText(bed.RebootMetricsFile)}");
        Assert.True(PrometheusText.FileValue(bed.RebootMetricsFile, "hpcmaint_reboot_last_outcome_timestamp_seconds", ("method", "rebuild-command"), started)
            >= PrometheusText.FileValue(bed.RebootMetricsFile, "hpcmaint_reboot_last_outcome_timestamp_seconds", ("method", "os-reboot"), started));

        // Waiting for a person costs slurmctld no write: 10 more runs at the manual step (each journals
        // its note) change neither the record nor the reason, and carry out no action.
        var reachedManual = TimeProvider.System.GetUtcNow();
        var n3 = new HashSet<string>(["n3"], StringComparer.Ordinal);
        HpcMaint.Core.Audit.AuditRecord[] Since() =>
            [.. new HpcMaint.Adapters.Audit.AuditJournal(bed.Journal).Read(new HpcMaint.Core.Audit.AuditFilter(Nodes: n3, Since: reachedManual), out _)];
        await bed.WaitAsync(
            () => Task.FromResult(Since().Count(r => r.Action == "note" && r.Reason!.Contains("at the manual step", StringComparison.Ordinal)) >= 10),
            60,
            "n3 did not run 10 times at the manual step");
        Assert.DoesNotContain(Since(), r => r.Action != "note");
        var after = await bed.NodeAsync("n3");
        Assert.Equal((node.Comment, node.Reason), (after.Comment, after.Reason));
    }

    [Fact]
    public async Task Drains_by_an_admin_or_by_nhc_are_never_resumed_or_rewritten()
    {
        await using var bed = await SelfHealingBed.StartAsync();
        await bed.ScontrolAsync("update", "nodename=n1", "state=drain", "reason=disk swap, ticket 1234");
        await bed.ScontrolAsync("update", "nodename=n4", "state=drain", "reason=NHC: check_ps_service: testd not running");
        bed.KillDaemon("n4");
        var drained = TimeProvider.System.GetUtcNow().ToUnixTimeSeconds();

        // hpcmaint-health must be seen at work: runs on n1 after the drain, and n4's dead daemon counted
        // twice (strikes = 2: enough to drain a node of its own).
        await bed.WaitAsync(
            () => Task.FromResult(bed.MetricValue("n1", "hpcmaint_health_last_run_timestamp_seconds") > drained + 2
                && bed.MetricValue("n4", "hpcmaint_health_strikes", ("check", "testd-n4")) >= 2),
            40,
            "hpcmaint-health was not seen running on n1 and n4 after the drains");

        var n1 = await bed.NodeAsync("n1");
        var n4 = await bed.NodeAsync("n4");
        Assert.Equal("disk swap, ticket 1234", n1.Reason);
        Assert.Equal("NHC: check_ps_service: testd not running", n4.Reason);
        Assert.True(n1.State.IsDrainSet && n4.State.IsDrainSet);
        Assert.Equal(0, bed.Cluster.RebootCount("n1") + bed.Cluster.RebootCount("n4"));
        Assert.DoesNotContain("\"action\":\"resume\"", bed.JournalText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_a_budget_of_one_node_a_second_fault_waits_for_a_breaker_reset()
    {
        await using var bed = await SelfHealingBed.StartAsync(breakerNodes: 1);
        bed.KillDaemon("n1");
        await bed.WaitAsync(async () => (await bed.NodeAsync("n1")).ReasonIsOurs, 40, "n1 was not drained");

        bed.KillDaemon("n2");
        await bed.WaitAsync(async () => Record(await bed.NodeAsync("n2")).BreakerOpened is not null, 40, "n2 did not report the breaker");
        var marked = TimeProvider.System.GetUtcNow().ToUnixTimeSeconds();
        Assert.True(await TestbedSlurm.Eventually(() => Task.FromResult(bed.MetricValue("n2", "hpcmaint_health_last_run_timestamp_seconds") > marked + 2), 40),
            "hpcmaint-health was not seen running on n2 after it found the breaker open");
        Assert.Null((await bed.NodeAsync("n2")).Reason);
        Assert.Contains("breaker open in partition", bed.JournalText(), StringComparison.Ordinal);
        Assert.Equal(1, bed.MetricValue("n2", "hpcmaint_health_breaker_open"));
        Assert.Equal(0, bed.MetricValue("n1", "hpcmaint_health_breaker_open"));

        // Slurm has no compare-and-set on a node's Comment: a reset that lands between another run's
        // read and write of a record is lost. Reset once n1 has stopped climbing (it writes nothing more).
        var climbed = await TestbedSlurm.Eventually(async () => Record(await bed.NodeAsync("n1")).Ticket?.Step == LadderStep.Manual, 120);
        Assert.True(climbed, climbed ? null : "n1 did not reach the manual step" + await bed.DiagnosisAsync("n1", "n2"));

        var reset = await Hpcmaint(bed, "breaker", "reset");
        Assert.Equal(0, reset.ExitCode);

        var drained = await TestbedSlurm.Eventually(async () => (await bed.NodeAsync("n2")).ReasonIsOurs, 40);
        Assert.True(drained, drained ? null : "n2 was not drained after the reset" + await bed.DiagnosisAsync("n1", "n2"));
    }

    [Fact]
    public async Task With_slurmctld_stopped_a_run_ends_within_its_budget_and_drains_nothing()
    {
        await using var bed = await SelfHealingBed.StartAsync();
        await bed.Slurm.WaitIdleAsync("n1");
        // Run by hand, not by slurmd: the fake nvidia-smi sees this machine's host name, not n1.
        bed.ReplayGpus(Environment.MachineName, LostGpu);
        var controller = bed.Cluster.RecordedProcesses().Single(p => p.Label == "slurmctld");
        Signal(controller.Pid, "STOP");
        try
        {
            var clock = Stopwatch.StartNew();
            var run = await new ProcessRunner(TimeProvider.System).RunAsync(
                Command.For(Executables.Executables.Health).WithArguments(["--config", bed.Config, "--once"])
                    .WithCleanEnvironment().WithEnvironment(new Dictionary<string, string?> { ["SLURMD_NODENAME"] = "n1" })
                    .WithTimeout(TimeSpan.FromSeconds(30)));
            clock.Stop();

            Assert.Equal(CommandOutcome.Exited, run.Outcome);
            Assert.Equal(0, run.ExitCode);
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(12), $"the run took {clock.Elapsed} with a 10 s budget");
            Assert.Contains("gpu.nvidia.count", run.StandardOutput, StringComparison.Ordinal);
            Assert.Contains("slurmctld: no answer; nothing done", run.StandardOutput, StringComparison.Ordinal);
        }
        finally
        {
            Signal(controller.Pid, "CONT");
        }

        Assert.DoesNotContain("\"node\":\"n1\",\"action\":\"drain\"", bed.JournalText(), StringComparison.Ordinal);
        Assert.Null((await bed.NodeAsync("n1")).Reason);
    }

    [Fact]
    public async Task A_held_node_is_left_alone_until_released_and_status_shows_the_hold_then_the_ticket()
    {
        await using var bed = await SelfHealingBed.StartAsync();
        Assert.Equal(0, (await Hpcmaint(bed, "hold", "n2", "--reason", "BIOS update, ticket 4711")).ExitCode);
        bed.ReplayGpus("n2", EccFault);
        var replayed = TimeProvider.System.GetUtcNow().ToUnixTimeSeconds();

        // Two strikes drain: runs seen 4 s (two intervals) after the fault, the node would be drained by now were it not held.
        await bed.WaitAsync(() => Task.FromResult(bed.MetricValue("n2", "hpcmaint_health_last_run_timestamp_seconds") > replayed + 4), 40,
            "hpcmaint-health was not seen running on n2 after the fault");
        Assert.Null((await bed.NodeAsync("n2")).Reason);
        var held = await Hpcmaint(bed, "status", "n2", "--json");
        Assert.Contains("\"held\": \"BIOS update, ticket 4711\"", held.StandardOutput, StringComparison.Ordinal);
        Assert.Equal(1, bed.MetricValue("n2", "hpcmaint_health_held"));

        Assert.Equal(0, (await Hpcmaint(bed, "release", "n2")).ExitCode);

        await bed.WaitAsync(async () => (await bed.NodeAsync("n2")).ReasonIsOurs, 40, "n2 was not drained after the release");
        await bed.WaitAsync(() => Task.FromResult(bed.MetricValue("n2", "hpcmaint_health_held") == 0), 20, "n2's metrics still say held");
        var status = await Hpcmaint(bed, "status", "n2", "--json");
        Assert.Contains("\"ticket_condition\": \"gpu.nvidia.ecc\"", status.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("\"reason_owner\": \"hpcmaint\"", status.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_fails_a_broken_node_at_once_and_drains_it_with_a_ticket()
    {
        await using var bed = await SelfHealingBed.StartAsync();
        await bed.Slurm.WaitIdleAsync("n3");
        bed.ReplayGpus(Environment.MachineName); // run by hand, the fake nvidia-smi sees this host's name
        var passing = await Verify(bed, "n3");
        Assert.Equal(0, passing.ExitCode);

        bed.Unmount("n3");
        var failing = await Verify(bed, "n3");

        Assert.Equal(1, failing.ExitCode);
        Assert.Contains("fs.mount", failing.StandardOutput, StringComparison.Ordinal);
        var node = await bed.NodeAsync("n3");
        Assert.StartsWith("hpcmaint: fs.mount: ", node.Reason, StringComparison.Ordinal);
        Assert.NotNull(Record(node).Ticket);
    }

    private static Task<CommandResult> Verify(SelfHealingBed bed, string node) =>
        new ProcessRunner(TimeProvider.System).RunAsync(
            Command.For(Executables.Executables.Hpcmaint).WithArguments(["verify", "--config", bed.Config])
                .WithCleanEnvironment().WithEnvironment(new Dictionary<string, string?> { ["SLURMD_NODENAME"] = node })
                .WithTimeout(TimeSpan.FromSeconds(30)));

    private static NodeRecord Record(Node node) =>
        NodeRecordCodec.TryDecode(node.Comment, out var record, out var problem) ? record : throw new InvalidOperationException(problem);

    private static Task<CommandResult> Hpcmaint(SelfHealingBed bed, params string[] args) =>
        new ProcessRunner(TimeProvider.System).RunAsync(
            Command.For(Executables.Executables.Hpcmaint).WithArguments([.. args, "--config", bed.Config]).WithTimeout(TimeSpan.FromSeconds(30)));

    private static void Signal(int pid, string signal)
    {
        using var kill = Process.Start("/usr/bin/kill", ["-" + signal, pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }
}
