using HpcMaint.Core.Rebuild;
using HpcMaint.Core.Slurm;
using static HpcMaint.Core.Tests.Rebuild.RebuildCluster;

namespace HpcMaint.Core.Tests.Rebuild;

/// <summary>`hpcmaint rebuild cancel`'s decision table, and what its scancel and resume come to.</summary>
public sealed class PlanCancellationSpecs
{
    private static readonly RebuildPlan Running = Plan(["n1", "n2", "n3", "n4", "n5", "n6"])
        .WithStep("n2", RebuildStep.Submitted, job: 12)
        .WithStep("n3", RebuildStep.Submitted, job: 13)
        .WithStep("n4", RebuildStep.Draining)
        .WithStep("n5", RebuildStep.Done)
        .WithStep("n6", RebuildStep.Submitted, job: 16);

    private static readonly Dictionary<long, Job> Jobs = new()
    {
        [12] = Job(12, "n2"),
        [13] = Job(13, "n3", state: "RUNNING"),
    };

    private static CancelStep? Step(string node) => PlanCancellation.Decide(Running, Running.Find(node)!, Jobs, Settings, Now);

    [Fact]
    public void A_node_not_started_is_cancelled_at_once()
    {
        var now = Assert.IsType<CancelStep.Now>(Step("n1"));

        Assert.Equal((RebuildStep.Cancelled, "cancelled before it started"), (now.Change.After.Step, now.Change.Why));
    }

    [Fact]
    public void A_pending_rebuild_job_is_scancelled_and_a_running_one_left_to_finish()
    {
        Assert.Equal(12, Assert.IsType<CancelStep.CancelJob>(Step("n2")).JobId);
        var left = Assert.IsType<CancelStep.Now>(Step("n3"));
        Assert.Equal((RebuildStep.Submitted, "job 13 is RUNNING: left to finish"), (left.Change.After.Step, left.Change.Why));
    }

    [Fact]
    public void A_node_hpcmaint_drained_has_its_drain_lifted_and_a_finished_one_is_left_alone()
    {
        Assert.IsType<CancelStep.LiftDrain>(Step("n4"));
        Assert.Null(Step("n5"));
    }

    [Fact]
    public void A_submitted_node_whose_job_is_gone_is_cancelled()
    {
        var now = Assert.IsType<CancelStep.Now>(Step("n6"));

        Assert.Equal("cancelled; no rebuild job was queued", now.Change.Why);
    }

    [Fact]
    public void A_scancel_or_resume_that_fails_fails_the_node_with_Slurms_words()
    {
        var cancel = (CancelStep.CancelJob)Step("n2")!;
        var lift = (CancelStep.LiftDrain)Step("n4")!;

        Assert.Equal(RebuildStep.Cancelled, PlanCancellation.JobCancelled(cancel, null, Now).After.Step);
        Assert.Equal(12, PlanCancellation.JobCancelled(cancel, null, Now).After.JobId);
        Assert.Equal("scancel 12 failed: Invalid job id", PlanCancellation.JobCancelled(cancel, "Invalid job id", Now).Why);
        Assert.Equal(RebuildStep.Cancelled, PlanCancellation.DrainLifted(lift, null, Now).After.Step);
        Assert.Equal(RebuildStep.Failed, PlanCancellation.DrainLifted(lift, "timed out", Now).After.Step);
    }
}
