using HpcMaint.Core.Health;
using HpcMaint.Integration.Tests.Slurm;
using HpcMaint.Integration.Tests.Testbed;
using HpcMaint.Tests.Shared;

namespace HpcMaint.Integration.Tests.SelfHealing;

/// <summary>
/// The remedy step on a real Slurm: a fault a command can clear (a `cmd` check failing while a marker
/// file exists; the remedy script counts its runs) is fixed without a reboot, or else climbs on.
/// </summary>
[Collection("self-healing")]
public sealed class RemedyStepSpecs
{
    private const string Fault = """
        [[health.check]]
        id = "fabric-n2"
        check = "cmd"
        hosts = "n2"
        argv = ["{dir}/tools/fabric-check"]
        condition = "cmd.fabric"
        [[health.remedy]]
        id = "fabric"
        match = "cmd.fabric"
        argv = ["{dir}/tools/fabric-fix"]
        timeout = "5s"
        """;

    [Fact]
    public async Task A_remedy_clears_a_fault_without_a_reboot_and_the_node_is_resumed()
    {
        await using var bed = await Start(fixes: true);
        var bootBefore = (await bed.NodeAsync("n2")).BootTime;
        File.WriteAllText(Marker(bed), "fabric manager down\n");

        await bed.WaitAsync(
            async () => (await bed.RecordAsync("n2")) is { Ticket: null, PastTickets.Count: 1 } && SlurmRelease.IsBackInService(await bed.NodeAsync("n2")),
            60,
            "n2's ticket was not closed with the node resumed");

        Assert.Equal(["fabric"], File.ReadAllLines(RemedyRuns(bed)));
        Assert.False(File.Exists(Marker(bed)));
        // Just after a resume 22.05 shows the node IDLE+NOT_RESPONDING with no BootTime for a moment.
        await bed.WaitAsync(async () => (await bed.NodeAsync("n2")).BootTime is not null, 20, "n2 has no BootTime after its resume");
        var node = await bed.NodeAsync("n2");
        Assert.False(node.State.IsDrainSet);
        // slurmctld derives BootTime as now - uptime in whole seconds at each registration: it wobbles by
        // a second on a node that never rebooted; a (simulated) reboot moves it to when the reboot began.
        Assert.InRange((node.BootTime!.Value - bootBefore!.Value).Duration(), TimeSpan.Zero, TimeSpan.FromSeconds(1));
        Assert.Equal(0, bed.Cluster.RebootCount("n2"));
        var journal = bed.JournalText();
        foreach (var action in new[] { "drain", "record", "remedy", "resume" })
        {
            Assert.Contains($"\"node\":\"n2\",\"action\":\"{action}\"", journal, StringComparison.Ordinal);
        }

        Assert.Contains("remedy fabric", journal, StringComparison.Ordinal); // the ticket's history, as recorded
        Assert.DoesNotContain("\"action\":\"request-reboot\"", journal, StringComparison.Ordinal);

        // The run that resumed n2 adds to its counters as it ends, just after the resume.
        var counters = bed.CountersFile("n2");
        await bed.WaitAsync(() => Task.FromResult(PrometheusText.FileValue(counters, "hpcmaint_health_resumes_total") == 1), 20, "n2's resume was not counted");
        Assert.Equal(1, PrometheusText.FileValue(counters, "hpcmaint_health_remedies_total", ("remedy", "fabric"), ("outcome", "succeeded")));
        Assert.Equal(1, PrometheusText.FileValue(counters, "hpcmaint_health_drains_total"));
        Assert.Equal(1, PrometheusText.FileValue(counters, "hpcmaint_health_tickets_opened_total", ("step", "remedy")));
        Assert.Equal(1, PrometheusText.FileValue(counters, "hpcmaint_health_tickets_closed_total", ("step", "remedy")));
        Assert.InRange(PrometheusText.FileValue(counters, "hpcmaint_health_remediation_seconds"), 0, 60);
        Assert.Equal(-1, PrometheusText.FileValue(bed.RebootMetricsFile, "hpcmaint_reboots_total"));
    }

    [Fact]
    public async Task A_remedy_that_does_not_help_runs_once_and_the_ticket_climbs_to_a_reboot()
    {
        await using var bed = await Start(fixes: false);
        File.WriteAllText(Marker(bed), "fabric manager down\n");

        var climbed = await TestbedSlurm.Eventually(async () => (await bed.RecordAsync("n2")).Ticket?.Step == LadderStep.Manual, 120);
        Assert.True(climbed, climbed ? null : "n2 did not climb to the manual step" + await bed.DiagnosisAsync("n2"));

        var history = (await bed.RecordAsync("n2")).Ticket!.History.Select(e => e.What).ToArray();
        Assert.Equal(["drain", "remedy fabric", "reboot", "rebuild", "manual"], history);
        Assert.True(bed.Cluster.RebootCount("n2") >= 2, "the remedy did not help: a reboot, then a rebuild");
        Assert.Equal(["fabric"], File.ReadAllLines(RemedyRuns(bed)));
        // The remedy ran and exited 0 (its outcome); it did not clear the fault, so the ticket climbed on.
        var counters = bed.CountersFile("n2");
        Assert.Equal(1, PrometheusText.FileValue(counters, "hpcmaint_health_remedies_total", ("remedy", "fabric"), ("outcome", "succeeded")));
        Assert.Equal(1, PrometheusText.FileValue(counters, "hpcmaint_health_tickets_opened_total", ("step", "remedy")));
        Assert.Equal(-1, PrometheusText.FileValue(counters, "hpcmaint_health_tickets_closed_total"));
    }

    private static string Marker(SelfHealingBed bed) => Path.Combine(bed.Directory, "hpcmaint", "fabric-down");

    private static string RemedyRuns(SelfHealingBed bed) => Path.Combine(bed.Directory, "hpcmaint", "remedy-runs.log");

    private static Task<SelfHealingBed> Start(bool fixes) => SelfHealingBed.StartAsync(
        extraToml: Fault,
        tools: new Dictionary<string, string>
        {
            ["fabric-check"] = "exec /usr/bin/test ! -e {dir}/hpcmaint/fabric-down\n",
            ["fabric-fix"] = "echo fabric >> {dir}/hpcmaint/remedy-runs.log\n" + (fixes ? "/bin/rm -f {dir}/hpcmaint/fabric-down\n" : string.Empty),
        });
}
