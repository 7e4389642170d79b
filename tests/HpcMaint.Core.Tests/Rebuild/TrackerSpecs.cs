using HpcMaint.Core.Rebuild;
using HpcMaint.Core.Slurm;
using static HpcMaint.Core.Tests.Rebuild.RebuildCluster;

namespace HpcMaint.Core.Tests.Rebuild;

public sealed class TrackerSpecs
{
    private const string Comment = "hpcmaint image=new plan=rb-test";

    [Fact]
    public void An_interrupted_submission_whose_job_was_queued_is_followed_not_submitted_again()
    {
        var plan = Plan(["n1", "n2", "n3", "n4"]).WithStep("n1", RebuildStep.Submitting);

        var turn = RebuildStepper.Next(plan, View(Nodes(4), [Job(7, "n1", comment: Comment)]), Settings);

        Assert.Equal(RebuildStep.Submitted, turn.Plan.Find("n1")!.Step);
        Assert.Equal(7, turn.Plan.Find("n1")!.JobId);
        Assert.Empty(turn.Actions);
    }

    [Fact]
    public void An_interrupted_submission_with_no_job_is_submitted_again()
    {
        var plan = Plan(["n1", "n2", "n3", "n4"]).WithStep("n1", RebuildStep.Submitting);

        var turn = RebuildStepper.Next(plan, View(Nodes(4)), Settings);

        Assert.Equal([new RebuildAction.Submit("n1", null)], turn.Actions);
    }

    [Fact]
    public void A_completed_job_on_a_node_that_reports_the_image_is_done_and_frees_the_budget_in_the_same_pass()
    {
        var plan = Plan(["n1", "n2", "n3", "n4"]).WithStep("n1", RebuildStep.Submitted, job: 7);
        var nodes = Nodes(4);
        nodes[0] = Node("n1", image: "new");

        var turn = RebuildStepper.Next(plan, View(nodes, [Job(7, "n1", "COMPLETED", Comment)]), Settings);

        Assert.Equal(RebuildStep.Done, turn.Plan.Find("n1")!.Step);
        Assert.Equal([new RebuildAction.Submit("n2", null)], turn.Actions);
    }

    [Fact]
    public void A_completed_job_on_a_node_still_on_the_old_image_is_a_failure()
    {
        var plan = Plan(["n1"]).WithStep("n1", RebuildStep.Submitted, job: 7);

        var turn = RebuildStepper.Next(plan, View(Nodes(4), [Job(7, "n1", "COMPLETED", Comment)]), Settings);

        Assert.Equal(RebuildStep.Failed, turn.Plan.Find("n1")!.Step);
        Assert.Equal("job 7 completed but the node reports image old, not new", turn.Plan.Find("n1")!.Detail);
        Assert.Equal(PlanStatus.Finished, turn.Plan.Status);
        Assert.Equal([new RebuildAction.DrainFailed("n1", "job 7 completed but the node reports image old, not new")], turn.Actions);
    }

    [Fact]
    public void A_job_gone_before_its_node_rebooted_was_lost_and_the_node_waits_for_its_turn_again()
    {
        var plan = Plan(["n1", "n2", "n3", "n4"]).WithStep("n1", RebuildStep.Submitted, job: 7, since: Now.AddMinutes(-2));

        var turn = RebuildStepper.Next(plan, View(Nodes(4)), Settings);

        var n1 = turn.Plan.Find("n1")!;
        Assert.Equal((RebuildStep.Submitting, (long?)null), (n1.Step, n1.JobId));
        Assert.Contains(turn.Changes, c => c.After.Name == "n1" && c.Why.StartsWith("job 7 is gone before n1 rebooted", StringComparison.Ordinal));
        Assert.Equal([new RebuildAction.Submit("n1", null)], turn.Actions);
    }

    [Fact]
    public void A_job_gone_after_its_node_rebooted_onto_the_old_image_is_a_failure()
    {
        var plan = Plan(["n1"]).WithStep("n1", RebuildStep.Submitted, job: 7, since: Now.AddMinutes(-2));
        var nodes = Nodes(4);
        nodes[0] = Node("n1", boot: Now.AddMinutes(-1));

        var turn = RebuildStepper.Next(plan, View(nodes), Settings with { ImageSource = "openstack" });

        Assert.Equal(RebuildStep.Failed, turn.Plan.Find("n1")!.Step);
        Assert.Equal("job 7 is no longer in squeue and the node reports image old", turn.Plan.Find("n1")!.Detail);
    }

    [Fact]
    public void A_job_id_handed_out_again_to_another_job_is_not_the_rebuild_job()
    {
        var plan = Plan(["n1", "n2", "n3", "n4"]).WithStep("n1", RebuildStep.Submitted, job: 7, since: Now.AddMinutes(-2));

        var turn = RebuildStepper.Next(plan, View(Nodes(4), [Job(7, "n1", "COMPLETED", comment: "a user's job", partition: "batch", name: "train")]), Settings);

        Assert.Equal(RebuildStep.Submitting, turn.Plan.Find("n1")!.Step);
    }

    [Fact]
    public void A_failed_gate_job_fails_the_node_and_the_others_go_on()
    {
        var plan = Plan(["n1", "n2", "n3", "n4"]).WithStep("n1", RebuildStep.Submitted, job: 7);

        var turn = RebuildStepper.Next(plan, View(Nodes(4), [Job(7, "n1", "FAILED", Comment)]), Settings);

        Assert.Equal(RebuildStep.Failed, turn.Plan.Find("n1")!.Step);
        Assert.Equal([new RebuildAction.DrainFailed("n1", "job 7 ended FAILED"), new RebuildAction.Submit("n2", null)], turn.Actions);
    }

    [Fact]
    public void A_drained_node_is_rebooted_plainly_once_its_jobs_have_ended()
    {
        var plan = Plan(["n1"], strategy: RebuildStrategy.Drain).WithStep("n1", RebuildStep.Draining);
        var busy = Node("n1", State(NodeBaseState.Allocated, NodeFlags.Drain), reason: "hpcmaint: rebuild image=new");
        var idle = busy with { State = State(NodeBaseState.Idle, NodeFlags.Drain) };

        var whileBusy = RebuildStepper.Next(plan, View([busy]), Settings);
        var whenIdle = RebuildStepper.Next(plan, View([idle]), Settings);

        Assert.Empty(whileBusy.Actions);
        Assert.Equal([new RebuildAction.Reboot("n1", "hpcmaint: rebuild image=new")], whenIdle.Actions);
        Assert.Equal(RebuildStep.Rebooting, whenIdle.Plan.Find("n1")!.Step);
    }

    [Fact]
    public void A_rebooted_node_on_the_image_goes_to_the_gate_and_one_on_the_old_image_fails()
    {
        var plan = Plan(["n1"], strategy: RebuildStrategy.Drain).WithStep("n1", RebuildStep.Rebooting, since: Now.AddSeconds(-10));
        var drained = State(NodeBaseState.Idle, NodeFlags.Drain);

        var onNew = RebuildStepper.Next(plan, View([Node("n1", drained, image: "new", boot: Now.AddSeconds(-2))]), Settings);
        var onOld = RebuildStepper.Next(plan, View([Node("n1", drained, image: "old", boot: Now.AddSeconds(-2))]), Settings);
        var notYet = RebuildStepper.Next(plan, View([Node("n1", State(NodeBaseState.Down, NodeFlags.Drain | NodeFlags.RebootIssued), image: "new")]), Settings);

        Assert.Equal([new RebuildAction.Gate("n1")], onNew.Actions);
        Assert.Equal(RebuildStep.Failed, onOld.Plan.Find("n1")!.Step);
        Assert.Empty(notYet.Actions);
        Assert.Equal(RebuildStep.Rebooting, notYet.Plan.Find("n1")!.Step);
    }

    [Fact]
    public void A_reboot_that_timed_out_fails_the_node()
    {
        var plan = Plan(["n1"], strategy: RebuildStrategy.Drain).WithStep("n1", RebuildStep.Rebooting, since: Now.AddMinutes(-2));
        var down = Node("n1", State(NodeBaseState.Down), reason: "hpcmaint: rebuild image=new : reboot issued : reboot timed out");

        var turn = RebuildStepper.Next(plan, View([down]), Settings);

        Assert.Equal(RebuildStep.Failed, turn.Plan.Find("n1")!.Step);
    }
}
