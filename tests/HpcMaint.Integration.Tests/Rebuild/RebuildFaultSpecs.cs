using System.Globalization;
using HpcMaint.Adapters.Audit;
using HpcMaint.Adapters.Processes;
using HpcMaint.Core.Audit;
using HpcMaint.Core.Rebuild;
using HpcMaint.Integration.Tests.Slurm;

namespace HpcMaint.Integration.Tests.Rebuild;

/// <summary>
/// `hpcmaint rebuild` under faults: slurmctld killed and restarted mid-way, the runner stopped by SIGTERM.
/// Each spec's image is its own: the specs of this testbed share one rebuilds log.
/// </summary>
[Collection(RebuildCollection.Name)]
public sealed class RebuildFaultSpecs(RebuildTestbed testbed)
{
    [Fact]
    public async Task With_slurmctld_SIGKILLed_and_restarted_mid_way_the_plan_finishes_each_node_rebuilt_once_and_the_journal_tells_the_outage()
    {
        // slurmctld saves its state every few seconds: a crash now would bring back what the specs before
        // this one had undone (a hold, a drain). A clean restart saves it all first.
        await testbed.WaitQuietAsync();
        await testbed.Cluster.StopControllerAsync();
        await testbed.Cluster.StartControllerAsync();
        await testbed.SetImageAsync("old");
        int exitCode;
        string output;
        using (var runner = testbed.StartHpcmaint("rebuild", "--partition", "batch", "--image", "after-outage", "--max-down", "25"))
        {
            try
            {
                var started = await TestbedSlurm.Eventually(() => Task.FromResult(testbed.RebuildsTo("after-outage").Count >= 1), seconds: 60);
                Assert.True(started, "the rebuild did not start");
                await testbed.Cluster.KillControllerAsync();
                var seen = await TestbedSlurm.Eventually(() => Task.FromResult(Journal("rebuild.controller_down").Length > 0), seconds: 60);
                var id = Assert.Single(testbed.Plans.All(), p => p.Image == "after-outage").Id;
                var told = await TestbedSlurm.Eventually(() => Task.FromResult(testbed.PlanMetric(id, "hpcmaint_rebuild_controller_reachable") == 0), seconds: 20);
                await testbed.Cluster.StartControllerAsync();
                Assert.True(seen, "the runner did not journal the outage; it printed:\n" + testbed.OutputOf(runner));
                Assert.True(told, "the plan's metrics did not say slurmctld is unreachable");

                using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(4), TimeProvider.System);
                await runner.WaitForExitAsync(deadline.Token);
                (exitCode, output) = (runner.ExitCode, testbed.OutputOf(runner));
            }
            finally
            {
                // A runner left behind by a failed wait would go on rebuilding under the specs after this one.
                if (!runner.HasExited)
                {
                    runner.Kill();
                    await runner.WaitForExitAsync();
                }
            }
        }

        Assert.True(exitCode == 0, output);
        Assert.True(testbed.RebuildsTo("after-outage") is { Count: 4 } rebuilt && rebuilt.Values.All(n => n == 1), testbed.Diagnosis("after-outage"));
        var plan = Assert.Single(testbed.Plans.All(), p => p.Image == "after-outage");
        // One rebuild job per node: the runner never submitted again for a job slurmctld recovered. A job
        // slurmctld lost (SIGKILLed before it saved the job, seen on 24.11) is submitted again, once.
        var submits = Journal("rebuild.submit").Where(r => r.Details["plan"] == plan.Id && r.Outcome == AuditOutcome.Succeeded).GroupBy(r => r.Node).ToArray();
        var lost = output.Split('\n').Where(l => l.Contains(": submitted → waiting: job ", StringComparison.Ordinal) && l.Contains(" is gone before ", StringComparison.Ordinal)).ToArray();
        Assert.True(submits.Length == 4 && submits.All(g => g.Count() == 1 + lost.Count(l => l.Contains($" {g.Key}: submitted → waiting: ", StringComparison.Ordinal))), output);
        Assert.Equal(PlanStatus.Finished, plan.Status);
        Assert.All(plan.Nodes, n => Assert.Equal(RebuildStep.Done, n.Step));
        var down = Assert.Single(Journal("rebuild.controller_down"), r => r.Details["plan"] == plan.Id);
        var back = Assert.Single(Journal("rebuild.controller_back"), r => r.Details["plan"] == plan.Id);
        Assert.StartsWith("slurmctld is unreachable: ", down.Reason, StringComparison.Ordinal);
        Assert.StartsWith("slurmctld answers again after ", back.Reason, StringComparison.Ordinal);
        Assert.True(back.Timestamp > down.Timestamp);
        Assert.True(double.Parse(back.Details["outage_seconds"], CultureInfo.InvariantCulture) > 0);
        Assert.Equal(1, testbed.PlanMetric(plan.Id, "hpcmaint_rebuild_controller_reachable"));
        Assert.Equal(4, testbed.PlanMetric(plan.Id, "hpcmaint_rebuild_plan_nodes", ("step", "done")));
    }

    [Fact]
    public async Task Stopped_by_SIGTERM_the_journal_says_the_plan_is_left_resumable_and_how_and_the_resume_is_journalled()
    {
        await testbed.SetImageAsync("old");
        string output;
        using (var runner = testbed.StartHpcmaint("rebuild", "--partition", "batch", "--image", "after-sigterm", "--max-down", "25"))
        {
            var started = await TestbedSlurm.Eventually(() => Task.FromResult(testbed.RebuildsTo("after-sigterm").Count >= 1), seconds: 60);
            var term = await new ProcessRunner(TimeProvider.System).RunAsync(Command.For("/bin/kill").WithArguments(["-TERM", runner.Id.ToString(CultureInfo.InvariantCulture)]));
            using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(1), TimeProvider.System);
            await runner.WaitForExitAsync(deadline.Token);
            Assert.True(started, "the rebuild did not start");
            Assert.Equal(0, term.ExitCode);
            output = testbed.OutputOf(runner);
        }

        var plan = Assert.Single(testbed.Plans.All(), p => p.Image == "after-sigterm");
        Assert.Equal(PlanStatus.Running, plan.Status);
        var stops = Journal("rebuild.stop").Where(r => r.Details["plan"] == plan.Id).ToArray();
        Assert.True(stops.Length == 1, $"{stops.Length} rebuild.stop records for {plan.Id}; the runner printed:\n{output}");
        var stop = stops[0];
        Assert.Contains($"continue with `hpcmaint rebuild resume {plan.Id}`", stop.Reason, StringComparison.Ordinal);

        var resume = await testbed.HpcmaintAsync("rebuild", "resume", plan.Id);

        Assert.True(resume.IsSuccess, resume.StandardOutput + resume.StandardError);
        Assert.Single(Journal("rebuild.resume"), r => r.Details["plan"] == plan.Id);
        Assert.True(testbed.RebuildsTo("after-sigterm") is { Count: 4 } rebuilt && rebuilt.Values.All(n => n == 1), testbed.Diagnosis("after-sigterm"));
    }

    private AuditRecord[] Journal(string action) =>
        new AuditJournal(testbed.JournalPath).Read(new AuditFilter(Action: action), out _).ToArray();
}
