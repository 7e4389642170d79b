using HpcMaint.Core.Rebuild;
using HpcMaint.Core.Slurm;
using static HpcMaint.Core.Tests.Rebuild.RebuildCluster;

namespace HpcMaint.Core.Tests.Rebuild;

/// <summary>`hpcmaint reboot`: a plan with no image, done when the node booted after hpcmaint asked for its reboot.</summary>
public sealed class RebootPlanSpecs
{
    private static RebuildPlan RebootPlan(RebuildStrategy strategy, params string[] nodes) =>
        Plan(nodes, strategy: strategy, image: string.Empty) with { Kind = PlanKind.Reboot };

    [Fact]
    public void A_reboot_plan_needs_no_image_and_refuses_one()
    {
        var input = new RebuildInput(null, "n[1-4]", null, 25, RebuildStrategy.Drain, DryRun: false) { Kind = PlanKind.Reboot };

        Assert.Null(RebuildStartRules.InputProblem(input));
        Assert.Equal("--image is required (the image the nodes must end on)", RebuildStartRules.InputProblem(input with { Kind = PlanKind.Rebuild }));
        Assert.Equal("--image: hpcmaint reboot changes no image; use hpcmaint rebuild --image", RebuildStartRules.InputProblem(input with { Image = "v2" }));
        var plan = PlanFactory.Create("rb-1", RebuildStartRules.Request(input, ["n1", "n2"]), View(Nodes(4)), Settings, out var problems);
        Assert.Empty(problems);
        Assert.Equal((PlanKind.Reboot, string.Empty, "a reboot"), (plan.Kind, plan.Image, plan.Target));
    }

    [Fact]
    public void A_node_on_any_image_is_rebooted_not_skipped_and_its_job_carries_no_image()
    {
        var plan = RebootPlan(RebuildStrategy.Job, "n1", "n2", "n3", "n4");

        var turn = RebuildStepper.Next(plan, View(Nodes(4, image: "old")), Settings);

        Assert.Equal([new RebuildAction.Submit("n1", null)], turn.Actions);
        Assert.Equal(Now, turn.Plan.Find("n1")!.RebootAsked);
        Assert.Equal("hpcmaint reboot plan=rb-test", plan.JobComment);
        Assert.Null(RebuildJobs.ImageOf(plan.JobComment));
    }

    [Fact]
    public void Drained_for_a_reboot_the_reason_names_the_plan_not_an_image_and_the_ask_is_recorded_before_the_reboot()
    {
        var plan = RebootPlan(RebuildStrategy.Drain, "n1", "n2", "n3", "n4").WithStep("n1", RebuildStep.Draining, since: Now.AddMinutes(-1));
        var nodes = Nodes(4);
        nodes[0] = Node("n1", State(NodeBaseState.Idle, NodeFlags.Drain), reason: DrainTracker.Reason(plan));

        var turn = RebuildStepper.Next(plan, View(nodes), Settings);

        Assert.Equal("hpcmaint: reboot plan=rb-test", DrainTracker.Reason(plan));
        Assert.True(DrainTracker.IsPlanReason(DrainTracker.Reason(plan)));
        Assert.Equal([new RebuildAction.Reboot("n1", "hpcmaint: reboot plan=rb-test")], turn.Actions);
        Assert.Equal((RebuildStep.Rebooting, Now), (turn.Plan.Find("n1")!.Step, turn.Plan.Find("n1")!.RebootAsked));
    }

    [Fact]
    public void A_node_booted_after_the_ask_goes_to_the_gate_whatever_image_it_reports_and_one_booted_before_waits()
    {
        var plan = RebootPlan(RebuildStrategy.Drain, "n1", "n2", "n3", "n4");
        plan = plan.With(plan.Find("n1")! with { Step = RebuildStep.Rebooting, Since = Now.AddSeconds(-5), RebootAsked = Now.AddSeconds(-5) });
        var drained = State(NodeBaseState.Idle, NodeFlags.Drain);
        var reason = DrainTracker.Reason(plan);

        var booted = RebuildStepper.Next(plan, View([Node("n1", drained, image: "old", boot: Now.AddSeconds(-2), reason: reason), .. Nodes(4)[1..]]), Settings);
        var notYet = RebuildStepper.Next(plan, View([Node("n1", drained, image: "old", boot: Now.AddSeconds(-6), reason: reason), .. Nodes(4)[1..]]), Settings);

        Assert.Equal(RebuildStep.Gating, booted.Plan.Find("n1")!.Step);
        Assert.Equal([new RebuildAction.Gate("n1")], booted.Actions);
        Assert.Equal(RebuildStep.Rebooting, notYet.Plan.Find("n1")!.Step);
        Assert.Empty(notYet.Actions);
    }

    [Fact]
    public void A_completed_reboot_job_is_done_when_the_node_booted_after_the_ask_and_failed_when_it_did_not()
    {
        var plan = RebootPlan(RebuildStrategy.Job, "n1");
        plan = plan.With(plan.Find("n1")! with { Step = RebuildStep.Submitted, JobId = 7, Since = Now.AddSeconds(-9), RebootAsked = Now.AddSeconds(-10) });
        var job = Job(7, "n1", "COMPLETED", plan.JobComment);

        var done = RebuildStepper.Next(plan, View([Node("n1", boot: Now.AddSeconds(-8))], [job]), Settings);
        var failed = RebuildStepper.Next(plan, View([Node("n1", boot: Now.AddSeconds(-11))], [job]), Settings);

        Assert.Equal((RebuildStep.Done, "job 7 completed: rebooted, gate passed"), (done.Plan.Find("n1")!.Step, done.Plan.Find("n1")!.Detail));
        Assert.Equal(RebuildStep.Failed, failed.Plan.Find("n1")!.Step);
        Assert.Equal([new RebuildAction.DrainFailed("n1", "job 7 completed but n1 did not boot after the reboot was asked")], failed.Actions);
    }

    [Fact]
    public void A_failed_reboot_replaces_the_plan_reason_with_what_went_wrong()
    {
        var plan = RebootPlan(RebuildStrategy.Drain, "n1");
        var node = Node("n1", State(NodeBaseState.Idle, NodeFlags.Drain), reason: DrainTracker.Reason(plan));

        var drain = FailedRebuildDrain.Decide(node, HpcMaint.Core.Remediation.NodeRecord.Empty, "gate failed: exit 1", Now);

        Assert.Equal(FailedRebuildDrain.Reason("gate failed: exit 1"), drain.Reason);
    }

    [Fact]
    public void A_queued_job_of_a_rebuild_is_not_adopted_by_a_reboot_plan()
    {
        var plan = RebootPlan(RebuildStrategy.Job, "n1", "n2", "n3", "n4");
        var rebuildJob = Job(5, "n1", "PENDING", RebuildJobs.Comment("v2", "rb-other"));
        var ownJob = Job(6, "n2", "PENDING", plan.JobComment);

        var turn = RebuildStepper.Next(plan, View(Nodes(4), [rebuildJob, ownJob]), Settings);

        Assert.Equal(RebuildStep.Waiting, turn.Plan.Find("n1")!.Step);
        Assert.Equal((RebuildStep.Submitted, 6L), (turn.Plan.Find("n2")!.Step, turn.Plan.Find("n2")!.JobId));
    }
}
