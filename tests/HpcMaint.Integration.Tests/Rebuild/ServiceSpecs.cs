using System.Diagnostics;
using System.Globalization;
using HpcMaint.Adapters.Audit;
using HpcMaint.Adapters.Processes;
using HpcMaint.Core.Audit;
using HpcMaint.Core.Rebuild;
using HpcMaint.Core.Service;
using HpcMaint.Integration.Tests.Slurm;

namespace HpcMaint.Integration.Tests.Rebuild;

/// <summary>
/// `hpcmaint service` on the rebuild testbed: monitor-only it sends nothing to Slurm; outside every
/// maintenance window it starts nothing; a plan whose `hpcmaint rebuild` was SIGKILLed is resumed by the
/// service, and by the service again after the service itself was SIGKILLed, every node rebuilt once.
/// Each spec's image is its own (the specs of this testbed share one rebuilds log).
/// </summary>
[Collection(RebuildCollection.Name)]
public sealed class ServiceSpecs(RebuildTestbed testbed)
{
    [Fact]
    public async Task Monitor_only_it_changes_nothing_in_Slurm_and_the_journal_says_what_it_would_do()
    {
        await testbed.SetImageAsync("old");
        var plan = OpenPlan("svc-monitor");
        var config = testbed.ConfigWith("service-monitor", $"""
            [service]
            interval = "1s"
            metrics_file = "{testbed.HpcmaintDir}/service-monitor.prom"
            """);
        try
        {
            var before = await SlurmSnapshotAsync();
            var lastJob = await LastJobIdAsync();

            var run = await RunAsync(config, "service", "--once");

            Assert.True(run.IsSuccess, run.StandardOutput + run.StandardError);
            Assert.Equal(before, await SlurmSnapshotAsync());
            Assert.Equal(lastJob, await LastJobIdAsync());
            Assert.Empty(testbed.RebuildsTo("svc-monitor"));
            Assert.All(testbed.Plans.Load(plan.Id, out _)!.Nodes, n => Assert.Equal(RebuildStep.Waiting, n.Step));
            var would = Journal("service.would").Where(r => r.Details["plan"] == plan.Id).ToArray();
            Assert.Contains(would, r => r.Node == "n1" && r.Reason == "would submit the rebuild job to svc-monitor" && r.DryRun);
            Assert.Contains(Journal("service.report"), r => r.Details["plan"] == plan.Id && r.Reason!.StartsWith("monitor-only", StringComparison.Ordinal));
            Assert.Contains("would: n1: would submit the rebuild job to svc-monitor", run.StandardError, StringComparison.Ordinal);
            var metrics = Path.Combine(testbed.HpcmaintDir, "service-monitor.prom");
            Assert.Equal(0, HpcMaint.Tests.Shared.PrometheusText.FileValue(metrics, "hpcmaint_service_acting", []));
            Assert.Equal(1, HpcMaint.Tests.Shared.PrometheusText.FileValue(metrics, "hpcmaint_service_window_open", []));
            Assert.True(HpcMaint.Tests.Shared.PrometheusText.FileValue(metrics, "hpcmaint_service_nodes_waiting", []) >= 4);
        }
        finally
        {
            await CancelAsync(plan.Id);
        }
    }

    [Fact]
    public async Task Acting_outside_every_window_it_starts_nothing_and_says_when_the_next_one_opens()
    {
        await testbed.SetImageAsync("old");
        var plan = OpenPlan("svc-closed");
        var closedDay = MaintenanceDays.Name(TimeProvider.System.GetUtcNow().AddDays(3).DayOfWeek);
        var config = testbed.ConfigWith("service-closed", $"""
            [service]
            act = true
            interval = "1s"
            [[maintenance.window]]
            days = ["{closedDay}"]
            hours = "00:00-00:00"
            """);
        try
        {
            var lastJob = await LastJobIdAsync();

            var run = await RunAsync(config, "service", "--once");

            Assert.True(run.IsSuccess, run.StandardOutput + run.StandardError);
            Assert.Equal(lastJob, await LastJobIdAsync());
            Assert.All(testbed.Plans.Load(plan.Id, out _)!.Nodes, n => Assert.Equal(RebuildStep.Waiting, n.Step));
            var wait = Assert.Single(Journal("service.wait"), r => r.Details["plan"] == plan.Id);
            Assert.Contains($"outside every maintenance window; {closedDay} 00:00-00:00 UTC opens at ", wait.Reason, StringComparison.Ordinal);
            Assert.False(wait.DryRun);
        }
        finally
        {
            await CancelAsync(plan.Id);
        }
    }

    [Fact]
    public async Task A_plan_whose_rebuild_was_SIGKILLed_is_resumed_by_the_service_and_again_after_the_service_is_SIGKILLed_each_node_rebuilt_once()
    {
        await testbed.SetImageAsync("old");
        var config = testbed.ConfigWith("service-act", """
            [service]
            act = true
            interval = "1s"
            """);
        using (var rebuild = testbed.StartHpcmaint("rebuild", "--partition", "batch", "--image", "svc-resume", "--max-down", "25"))
        {
            var started = await TestbedSlurm.Eventually(() => Task.FromResult(testbed.RebuildsTo("svc-resume").Count >= 1), seconds: 60);
            await KillAsync(rebuild);
            Assert.True(started, "the rebuild did not start: " + testbed.OutputOf(rebuild));
        }

        var rebuiltByRebuild = testbed.RebuildsTo("svc-resume").Count;

        var plan = Assert.Single(testbed.Plans.All(), p => p.Image == "svc-resume");
        Assert.Equal(PlanStatus.Running, plan.Status);
        using (var first = testbed.StartHpcmaintWith(config, "service"))
        {
            var more = await TestbedSlurm.Eventually(() => Task.FromResult(testbed.RebuildsTo("svc-resume").Count > Math.Min(rebuiltByRebuild, 3)), seconds: 90);
            await KillAsync(first);
            Assert.True(more, "the service did not go on with the plan:\n" + testbed.OutputOf(first) + "\n" + testbed.Diagnosis("svc-resume"));
        }

        Assert.Equal(PlanStatus.Running, testbed.Plans.Load(plan.Id, out _)!.Status);
        string output;
        using (var second = testbed.StartHpcmaintWith(config, "service"))
        {
            var finished = await TestbedSlurm.Eventually(() => Task.FromResult(testbed.Plans.Load(plan.Id, out _)!.Status == PlanStatus.Finished), seconds: 180);
            var term = await new ProcessRunner(TimeProvider.System).RunAsync(Command.For("/bin/kill").WithArguments(["-TERM", second.Id.ToString(CultureInfo.InvariantCulture)]));
            using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(1), TimeProvider.System);
            await second.WaitForExitAsync(deadline.Token);
            output = testbed.OutputOf(second);
            Assert.True(finished, "the restarted service did not finish the plan:\n" + output + "\n" + testbed.Diagnosis("svc-resume"));
            Assert.Equal(0, term.ExitCode);
            Assert.True(second.ExitCode == 0, output);
        }

        Assert.True(testbed.RebuildsTo("svc-resume") is { Count: 4 } rebuilt && rebuilt.Values.All(n => n == 1), testbed.Diagnosis("svc-resume"));
        Assert.All(testbed.Plans.Load(plan.Id, out _)!.Nodes, n => Assert.Equal(RebuildStep.Done, n.Step));
        Assert.True(Journal("service.resume").Count(r => r.Details["plan"] == plan.Id) >= 2, testbed.Diagnosis("svc-resume"));
        Assert.Contains(Journal("service.stop"), r => r.Reason!.StartsWith("stopped by a signal", StringComparison.Ordinal));
    }

    /// <summary>An open plan over the batch nodes that no process runs, as a `hpcmaint rebuild` SIGKILLed before its first pass leaves it.</summary>
    private RebuildPlan OpenPlan(string image)
    {
        var now = TimeProvider.System.GetUtcNow();
        var plan = new RebuildPlan(testbed.Plans.NewId(now), image, RebuildStrategy.Job, 25, now, PlanStatus.Running, testbed.Cluster.NodeNames.Select(n => new PlannedNode(n, RebuildStep.Waiting, now)).ToArray())
        {
            Selection = "partition batch",
        };
        testbed.Plans.Save(plan);
        return plan;
    }

    private async Task CancelAsync(string plan)
    {
        var cancel = await testbed.HpcmaintAsync("rebuild", "cancel", plan);
        Assert.True(cancel.IsSuccess, cancel.StandardOutput + cancel.StandardError);
    }

    private static async Task<CommandResult> RunAsync(string config, params string[] args) =>
        await new ProcessRunner(TimeProvider.System).RunAsync(
            Command.For(Executables.Executables.Hpcmaint).WithArguments([.. args, "--config", config]).WithTimeout(TimeSpan.FromMinutes(2)));

    private static async Task KillAsync(Process process)
    {
        process.Kill();
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(1), TimeProvider.System);
        await process.WaitForExitAsync(deadline.Token);
    }

    /// <summary>Every node's state, reason and features, the active jobs, and the reservations, as Slurm prints them.</summary>
    private async Task<string> SlurmSnapshotAsync()
    {
        var nodes = await testbed.Cluster.RunClientAsync("sinfo", "--Node", "--noheader", "--format=%N %T %E %f");
        var jobs = await testbed.Cluster.RunClientAsync("squeue", "--noheader", "--format=%i %j %T %N");
        var reservations = await testbed.Cluster.RunClientAsync("scontrol", "show", "reservation");
        Assert.True(nodes.Succeeded && jobs.Succeeded && reservations.Succeeded, $"{nodes}\n{jobs}\n{reservations}");
        return string.Join("\n--\n", nodes.StandardOutput, jobs.StandardOutput, reservations.StandardOutput);
    }

    /// <summary>The highest job id slurmctld has handed out (any state): a job submitted since makes it grow.</summary>
    private async Task<long> LastJobIdAsync()
    {
        var jobs = await testbed.Cluster.RunClientAsync("squeue", "--noheader", "--states=all", "--format=%i");
        Assert.True(jobs.Succeeded, jobs.ToString());
        return jobs.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => long.Parse(l.Trim(), CultureInfo.InvariantCulture)).DefaultIfEmpty(0).Max();
    }

    private AuditRecord[] Journal(string action) =>
        new AuditJournal(testbed.JournalPath).Read(new AuditFilter(Action: action), out _).ToArray();
}
