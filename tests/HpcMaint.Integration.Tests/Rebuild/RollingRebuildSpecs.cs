using System.Globalization;
using HpcMaint.Adapters.Audit;
using HpcMaint.Core.Audit;
using HpcMaint.Core.Rebuild;
using HpcMaint.Integration.Tests.Slurm;
using HpcMaint.Integration.Tests.Testbed;

namespace HpcMaint.Integration.Tests.Rebuild;

/// <summary>`hpcmaint rebuild` on a real cluster with user work: the budget, Slurm's ordering, resume after SIGKILL.</summary>
[Collection(RebuildCollection.Name)]
public sealed class RollingRebuildSpecs(RebuildTestbed testbed)
{
    private TestbedCluster Cluster => testbed.Cluster;

    [Fact]
    public async Task A_rebuild_at_25_percent_with_user_jobs_never_has_more_than_one_of_4_nodes_out_and_jumps_the_queue()
    {
        await testbed.SetImageAsync("old");
        await testbed.SetImageAsync("v2", "n4");
        var (running, queued) = await RebuildObservations.UserWorkAsync(Cluster, ("n1", 3), ("n2", 15), ("n3", 27), ("n4", 2));

        using var sampling = new CancellationTokenSource();
        var sampler = RebuildObservations.SampleUnavailableAsync(Cluster, sampling.Token);
        var rebuild = await testbed.HpcmaintAsync("rebuild", "--partition", "batch", "--image", "v2", "--max-down", "25");
        await sampling.CancelAsync();
        var samples = await sampler;

        Assert.True(rebuild.IsSuccess, rebuild.StandardOutput + rebuild.StandardError);
        Assert.True(samples.Count > 10, $"only {samples.Count} samples");
        Assert.True(samples.Max() <= 1, $"at most 1 of 4 nodes out at 25 %, sampled: {string.Join(' ', samples)}");
        Assert.Equal(new Dictionary<string, int> { ["n1"] = 1, ["n2"] = 1, ["n3"] = 1 }, testbed.RebuildsTo("v2"));
        var plan = Assert.Single(testbed.Plans.All(), p => p.Image == "v2");
        Assert.Equal(RebuildStep.Skipped, plan.Find("n4")!.Step);
        foreach (var node in new[] { "n1", "n2", "n3" })
        {
            await RebuildObservations.AssertJumpedTheQueueAsync(Cluster, node, plan.Find(node)!.JobId!.Value, running[node], queued[node]);
        }

        var journal = new AuditJournal(testbed.JournalPath).Read(new AuditFilter(Action: "rebuild.admit"), out _);
        Assert.Contains(journal, r => r.Node == "n1" && r.Reason!.Contains("batch: 0 out + n1 = 1 ≤ 1 (25 % of 4)", StringComparison.Ordinal) && r.Details["plan"] == plan.Id);

        Assert.Equal(3, testbed.PlanMetric(plan.Id, "hpcmaint_rebuild_plan_nodes", ("step", "done")));
        Assert.Equal(1, testbed.PlanMetric(plan.Id, "hpcmaint_rebuild_plan_nodes", ("step", "skipped")));
        Assert.Equal(0, testbed.PlanMetric(plan.Id, "hpcmaint_rebuild_plan_nodes", ("step", "waiting")));
        Assert.Equal(1, testbed.PlanMetric(plan.Id, "hpcmaint_rebuild_plan_status", ("status", "finished")));
        Assert.Equal(0, testbed.PlanMetric(plan.Id, "hpcmaint_rebuild_plan_status", ("status", "running")));
        Assert.Equal(1, testbed.PlanMetric(plan.Id, "hpcmaint_rebuild_plan_max_failures"));
        Assert.Equal(1, testbed.PlanMetric(plan.Id, "hpcmaint_rebuild_budget_nodes_limit", ("partition", "batch")));
        Assert.Equal(0, testbed.PlanMetric(plan.Id, "hpcmaint_rebuild_budget_nodes_out", ("partition", "batch")));
        Assert.Equal(1, testbed.PlanMetric(plan.Id, "hpcmaint_rebuild_controller_reachable"));
        Assert.True(testbed.PlanMetric(plan.Id, "hpcmaint_rebuild_plan_last_change_timestamp_seconds") >= plan.Created.ToUnixTimeSeconds());
    }

    [Fact]
    public async Task Killed_with_SIGKILL_mid_way_then_resumed_it_finishes_with_no_node_rebuilt_twice()
    {
        await testbed.SetImageAsync("old");

        using (var runner = testbed.StartHpcmaint("rebuild", "--partition", "batch", "--image", "v3", "--max-down", "25"))
        {
            var halfway = await TestbedSlurm.Eventually(() => Task.FromResult(testbed.RebuildsTo("v3").Count >= 2), seconds: 60);
            runner.Kill();
            await runner.WaitForExitAsync();
            Assert.True(halfway, "the rebuild did not get half-way");
        }

        var plan = Assert.Single(testbed.Plans.All(), p => p.Image == "v3");
        Assert.Equal(PlanStatus.Running, plan.Status);
        var resume = await testbed.HpcmaintAsync("rebuild", "resume", plan.Id);

        Assert.True(resume.IsSuccess, resume.StandardOutput + resume.StandardError);
        Assert.Equal(new Dictionary<string, int> { ["n1"] = 1, ["n2"] = 1, ["n3"] = 1, ["n4"] = 1 }, testbed.RebuildsTo("v3"));
        var jobs = await TestbedSlurm.Client(Cluster).GetJobsAsync();
        var ours = jobs.Value.Where(j => j.Comment == $"hpcmaint image=v3 plan={plan.Id}").GroupBy(j => j.Name).ToArray();
        Assert.Equal(4, ours.Length);
        Assert.All(ours, g => Assert.Single(g));
        Assert.Equal(PlanStatus.Finished, testbed.Plans.Load(plan.Id, out _)!.Status);
    }

    [Fact]
    public async Task Resumed_after_SIGKILL_every_job_carries_the_gate_and_sbatch_options_the_plan_was_made_with()
    {
        await testbed.SetImageAsync("old");
        var marks = Directory.CreateTempSubdirectory("hpcmaint-gate-").FullName;
        try
        {
            using (var runner = testbed.StartHpcmaint(
                "rebuild", "--partition", "batch", "--image", "v6", "--max-down", "25",
                "--gate=/bin/sh", "--gate=-c", $"--gate=touch {marks}/$SLURMD_NODENAME", "--sbatch-option=--time=10"))
            {
                var started = await TestbedSlurm.Eventually(() => Task.FromResult(testbed.RebuildsTo("v6").Count >= 1), seconds: 60);
                runner.Kill();
                await runner.WaitForExitAsync();
                Assert.True(started, "the rebuild did not start");
            }

            var plan = Assert.Single(testbed.Plans.All(), p => p.Image == "v6");
            var resume = await testbed.HpcmaintAsync("rebuild", "resume", plan.Id);

            Assert.True(resume.IsSuccess, resume.StandardOutput + resume.StandardError);
            Assert.Equal(new Dictionary<string, int> { ["n1"] = 1, ["n2"] = 1, ["n3"] = 1, ["n4"] = 1 }, testbed.RebuildsTo("v6"));
            foreach (var node in testbed.Plans.Load(plan.Id, out _)!.Nodes)
            {
                Assert.Contains("TimeLimit=00:10:00", await Cluster.ShowJobAsync(node.JobId!.Value.ToString(CultureInfo.InvariantCulture)), StringComparison.Ordinal);
            }

            Assert.Equal(["n1", "n2", "n3", "n4"], Directory.GetFiles(marks).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        }
        finally
        {
            Directory.Delete(marks, recursive: true);
        }
    }

    [Fact]
    public async Task A_second_failure_halts_the_plan_with_nodes_untouched_and_resume_with_a_higher_limit_goes_on()
    {
        try
        {
            await testbed.SetImageAsync("old");

            var halted = await testbed.HpcmaintAsync("rebuild", "--partition", "batch", "--image", "v7", "--max-down", "25", "--gate=/bin/false");

            Assert.Equal(1, halted.ExitCode);
            Assert.Contains("halted: 2 nodes failed, more than the 1 the plan tolerates (--max-failures); 2 not started", halted.StandardOutput, StringComparison.Ordinal);
            var plan = Assert.Single(testbed.Plans.All(), p => p.Image == "v7");
            Assert.Equal(PlanStatus.Halted, plan.Status);
            Assert.Equal([RebuildStep.Failed, RebuildStep.Failed, RebuildStep.Waiting, RebuildStep.Waiting], plan.Nodes.Select(n => n.Step));
            Assert.Equal(2, testbed.RebuildsTo("v7").Count);
            Assert.Equal(2, testbed.PlanMetric(plan.Id, "hpcmaint_rebuild_plan_nodes", ("step", "failed")));
            Assert.Equal(2, testbed.PlanMetric(plan.Id, "hpcmaint_rebuild_plan_nodes", ("step", "waiting")));
            Assert.Equal(1, testbed.PlanMetric(plan.Id, "hpcmaint_rebuild_plan_status", ("status", "halted")));
            Assert.Equal(1, testbed.PlanMetric(plan.Id, "hpcmaint_rebuild_plan_max_failures"));

            var refused = await testbed.HpcmaintAsync("rebuild", "resume", plan.Id);
            Assert.Equal(1, refused.ExitCode);
            Assert.Contains("resume with --max-failures 2 or more", refused.StandardError, StringComparison.Ordinal);

            var resumed = await testbed.HpcmaintAsync("rebuild", "resume", plan.Id, "--max-failures", "4");
            Assert.Equal(1, resumed.ExitCode);
            var ended = testbed.Plans.Load(plan.Id, out _)!;
            Assert.Equal((PlanStatus.Finished, 4, 4), (ended.Status, ended.MaxFailures, ended.Count(RebuildStep.Failed)));
            Assert.Equal(4, testbed.PlanMetric(plan.Id, "hpcmaint_rebuild_plan_nodes", ("step", "failed")));
            Assert.Equal(1, testbed.PlanMetric(plan.Id, "hpcmaint_rebuild_plan_status", ("status", "finished")));
            Assert.Equal(4, testbed.PlanMetric(plan.Id, "hpcmaint_rebuild_plan_max_failures"));
            Assert.Equal(new Dictionary<string, int> { ["n1"] = 1, ["n2"] = 1, ["n3"] = 1, ["n4"] = 1 }, testbed.RebuildsTo("v7"));
            var journal = new AuditJournal(testbed.JournalPath).Read(new AuditFilter(), out _);
            Assert.Contains(journal, r => r.Details.GetValueOrDefault("plan") == plan.Id && r.Reason!.Contains("halted: 2 nodes failed", StringComparison.Ordinal));
        }
        finally
        {
            // Every node failed its gate and is drained with a ticket: back in service for the specs after this one.
            foreach (var node in Cluster.NodeNames)
            {
                await testbed.RestoreAsync(node);
            }
        }
    }

    [Fact]
    public async Task With_the_drain_strategy_a_busy_node_is_drained_then_rebooted_gated_and_resumed_one_at_a_time()
    {
        await testbed.SetImageAsync("old");
        var (running, _) = await RebuildObservations.UserWorkAsync(Cluster, ("n1", 4), ("n2", 2));

        using var sampling = new CancellationTokenSource();
        var sampler = RebuildObservations.SampleUnavailableAsync(Cluster, sampling.Token);
        var rebuild = await testbed.HpcmaintAsync("rebuild", "--partition", "batch", "--image", "v8", "--max-down", "25", "--strategy", "drain");
        await sampling.CancelAsync();
        var samples = await sampler;

        Assert.True(rebuild.IsSuccess, rebuild.StandardOutput + rebuild.StandardError + "\n" + await Cluster.RunClientAsync("scontrol", "show", "node"));
        Assert.True(samples.Max() <= 1, $"at most 1 of 4 nodes out at 25 %, sampled: {string.Join(' ', samples)}");
        Assert.Equal(new Dictionary<string, int> { ["n1"] = 1, ["n2"] = 1, ["n3"] = 1, ["n4"] = 1 }, testbed.RebuildsTo("v8"));
        var plan = Assert.Single(testbed.Plans.All(), p => p.Image == "v8");
        Assert.All(plan.Nodes, n => Assert.Equal(RebuildStep.Done, n.Step));
        Assert.Contains("JobState=COMPLETED", await Cluster.ShowJobAsync(running["n1"]), StringComparison.Ordinal);
        var nodes = (await TestbedSlurm.Client(Cluster).GetNodesAsync()).Value;
        Assert.All(nodes, n => Assert.False(n.State.IsDrainSet, $"{n.Name} is {n.State} ({n.Reason})"));
        var journal = new AuditJournal(testbed.JournalPath).Read(new AuditFilter(), out _).Where(r => r.Details.GetValueOrDefault("plan") == plan.Id).ToArray();
        Assert.Contains(journal, r => r.Node == "n1" && r.Reason!.Contains("drained; plain scontrol reboot with the image in the reason", StringComparison.Ordinal));
    }
}
