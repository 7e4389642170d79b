using System.Diagnostics;
using HpcMaint.Adapters.Audit;
using HpcMaint.Core.Audit;
using HpcMaint.Core.Rebuild;
using HpcMaint.Integration.Tests.Slurm;
using HpcMaint.Integration.Tests.Testbed;

namespace HpcMaint.Integration.Tests.Rebuild;

/// <summary>
/// A plan blocked by a node outside its control (an admin's drain at 25 % of 4) says so in status, the
/// journal (once each way, not every pass) and its metrics; `resume --exclude` takes the node out.
/// </summary>
[Collection(RebuildCollection.Name)]
public sealed class RebuildStallSpecs(RebuildTestbed testbed)
{
    private const string AdminReason = "bios update, ticket 77";

    [HostReleaseFact]
    public async Task An_admins_drain_stalls_the_plan_which_says_by_whom_once_and_goes_on_when_the_node_is_back()
    {
        await WithAdminDrainAsync("n2", "stall-1", async () =>
        {
            var id = string.Empty;
            await WhileRunningAsync(["rebuild", "--partition", "batch", "--image", "stall-1", "--max-down", "25", "--verbose"], async runner =>
            {
                id = await StalledPlanAsync("stall-1", runner);
                var status = await testbed.HpcmaintAsync("rebuild", "status", id);
                Assert.Contains($"by n2 (drained by someone else: {AdminReason})", status.StandardOutput, StringComparison.Ordinal);
                Assert.Contains("stalled since ", status.StandardOutput, StringComparison.Ordinal);
                Assert.True(
                    await TestbedSlurm.Eventually(() => Task.FromResult(testbed.PlanMetric(id, "hpcmaint_rebuild_plan_stalled") == 1)),
                    "the metric did not say stalled");
                Assert.Equal(1, testbed.PlanMetric(id, "hpcmaint_rebuild_plan_stalled_by", ("node", "n2"), ("cause", "drained")));

                // Ten passes later (--verbose logs each), still one line.
                var passes = Passes(runner);
                Assert.True(await TestbedSlurm.Eventually(() => Task.FromResult(Passes(runner) >= passes + 10)), "the runner did not go on passing: " + testbed.OutputOf(runner));
                Assert.Single(Journal("rebuild.stalled"), r => r.Details["plan"] == id);

                await testbed.RestoreAsync("n2");
                using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(3), TimeProvider.System);
                await runner.WaitForExitAsync(deadline.Token);
                Assert.True(runner.ExitCode == 0, testbed.OutputOf(runner));
            });

            var plan = testbed.Plans.Load(id, out _)!;
            Assert.Equal(PlanStatus.Finished, plan.Status);
            Assert.Null(plan.Stall);
            Assert.True(testbed.RebuildsTo("stall-1") is { Count: 4 } rebuilt && rebuilt.Values.All(n => n == 1), testbed.Diagnosis("stall-1"));
            var ended = Assert.Single(Journal("rebuild.unstalled"), r => r.Details["plan"] == id);
            Assert.StartsWith("no longer stalled after ", ended.Reason, StringComparison.Ordinal);
            Assert.Single(Journal("rebuild.stalled"), r => r.Details["plan"] == id);
            Assert.Equal(0, testbed.PlanMetric(id, "hpcmaint_rebuild_plan_stalled"));
        });
    }

    /// <summary>At 50 % of 4 the drained n3 leaves room for one more: the others go one by one, then n3 alone stalls the plan.</summary>
    [HostReleaseFact]
    public async Task Resume_exclude_takes_the_drained_node_out_of_a_stalled_plan_which_then_finishes_without_touching_it()
    {
        await WithAdminDrainAsync("n3", "stall-2", async () =>
        {
            var id = string.Empty;
            await WhileRunningAsync(["rebuild", "--partition", "batch", "--image", "stall-2", "--max-down", "50"], async runner => id = await StalledPlanAsync("stall-2", runner));

            var unknown = await testbed.HpcmaintAsync("rebuild", "resume", id, "--exclude", "n[3,9]");
            Assert.Equal(2, unknown.ExitCode);
            Assert.Contains("n9 is not in plan", unknown.StandardError, StringComparison.Ordinal);

            var resumed = await testbed.HpcmaintAsync("rebuild", "resume", id, "--exclude", "n3");

            Assert.True(resumed.IsSuccess, resumed.StandardOutput + resumed.StandardError);
            var plan = testbed.Plans.Load(id, out _)!;
            Assert.Equal((PlanStatus.Finished, RebuildStep.Excluded), (plan.Status, plan.Find("n3")!.Step));
            Assert.Equal(new Dictionary<string, int> { ["n1"] = 1, ["n2"] = 1, ["n4"] = 1 }, testbed.RebuildsTo("stall-2"));
            Assert.Single(Journal("rebuild.exclude"), r => r.Details["plan"] == id && r.Node == "n3");
            var n3 = await TestbedSlurm.Client(testbed.Cluster).NodeAsync("n3");
            Assert.Equal(AdminReason, n3.Reason);
        });
    }

    [HostReleaseFact]
    public async Task Resume_exclude_of_a_node_in_flight_is_refused_saying_what_to_do_and_changes_nothing()
    {
        await testbed.SetImageAsync("old");
        var busy = await testbed.Cluster.SubmitAsync("-p", "batch", "-w", "n1", "--exclusive", "-o", "/dev/null", "--wrap", "sleep 60");
        try
        {
            await WhileRunningAsync(["rebuild", "--nodes", "n1", "--image", "stall-3", "--max-down", "25"], async runner =>
            {
                var submitted = await TestbedSlurm.Eventually(() => Task.FromResult(
                    testbed.Plans.All().Any(p => p.Image == "stall-3" && p.Find("n1")!.Step == RebuildStep.Submitted)));
                Assert.True(submitted, "the rebuild job was not submitted: " + testbed.OutputOf(runner));
            });

            var plan = Assert.Single(testbed.Plans.All(), p => p.Image == "stall-3");
            var refused = await testbed.HpcmaintAsync("rebuild", "resume", plan.Id, "--exclude", "n1");

            Assert.Equal(1, refused.ExitCode);
            Assert.Contains("n1 is submitted since ", refused.StandardError, StringComparison.Ordinal);
            Assert.Contains($"let it finish, or `hpcmaint rebuild cancel {plan.Id}`", refused.StandardError, StringComparison.Ordinal);
            Assert.Equal(RebuildStep.Submitted, testbed.Plans.Load(plan.Id, out _)!.Find("n1")!.Step);
            Assert.Equal(0, (await testbed.HpcmaintAsync("rebuild", "cancel", plan.Id)).ExitCode);
        }
        finally
        {
            await CancelOpenAsync("stall-3");
            await testbed.Cluster.RunClientAsync("scancel", busy);
            await testbed.WaitQuietAsync();
        }
    }

    /// <summary>
    /// Every node on the old image and <paramref name="node"/> drained by an admin (as `scontrol update state=drain`
    /// writes it) while <paramref name="spec"/> runs; then the plan to <paramref name="image"/> cancelled if a failure
    /// left it open (it would refuse the next spec's plan) and the node back in service.
    /// </summary>
    private async Task WithAdminDrainAsync(string node, string image, Func<Task> spec)
    {
        await testbed.SetImageAsync("old");
        var drained = await testbed.Cluster.RunClientAsync("scontrol", "update", "nodename=" + node, "state=drain", "reason=" + AdminReason);
        Assert.True(drained.Succeeded, drained.ToString());
        try
        {
            await spec();
        }
        finally
        {
            await CancelOpenAsync(image);
            await testbed.RestoreAsync(node);
        }
    }

    /// <summary>Waits for the plan to <paramref name="image"/> to journal its stall; its id.</summary>
    private async Task<string> StalledPlanAsync(string image, Process runner)
    {
        var stalled = await TestbedSlurm.Eventually(
            () => Task.FromResult(testbed.Plans.All().FirstOrDefault(p => p.Image == image) is { } p && Journal("rebuild.stalled").Any(r => r.Details["plan"] == p.Id)),
            seconds: 60);
        Assert.True(stalled, "the plan did not journal a stall; it printed:\n" + testbed.OutputOf(runner));
        return Assert.Single(testbed.Plans.All(), p => p.Image == image).Id;
    }

    /// <summary>
    /// Runs hpcmaint with <paramref name="args"/> while <paramref name="meanwhile"/> looks at it, then SIGKILLs it if it
    /// is still running (the plan stays resumable): a runner left behind would go on under the specs after this one.
    /// </summary>
    private async Task WhileRunningAsync(string[] args, Func<Process, Task> meanwhile)
    {
        using var runner = testbed.StartHpcmaint(args);
        try
        {
            await meanwhile(runner);
        }
        finally
        {
            if (!runner.HasExited)
            {
                runner.Kill();
                await runner.WaitForExitAsync();
            }
        }
    }

    private async Task CancelOpenAsync(string image)
    {
        foreach (var plan in testbed.Plans.All().Where(p => p.Image == image && p.IsResumable))
        {
            await testbed.HpcmaintAsync("rebuild", "cancel", plan.Id);
        }
    }

    /// <summary>The passes the runner made so far (it logs one line each with --verbose).</summary>
    private int Passes(Process runner) =>
        testbed.OutputOf(runner).Split('\n').Count(l => l.Contains("pass: cluster read in", StringComparison.Ordinal));

    private AuditRecord[] Journal(string action) =>
        new AuditJournal(testbed.JournalPath).Read(new AuditFilter(Action: action), out _).ToArray();
}
