using HpcMaint.Core.Rebuild;
using HpcMaint.Core.Slurm;
using static HpcMaint.Core.Tests.Rebuild.RebuildCluster;

namespace HpcMaint.Core.Tests.Rebuild;

/// <summary>How a node's rebuild ends: a failed gate drains, an admin's scancel is not a failure, a features reset is not one either.</summary>
public sealed class RebuildEndSpecs
{
    private const string Comment = "hpcmaint image=new plan=rb-test";

    [Fact]
    public void A_failed_gate_job_fails_the_node_and_drains_it_for_a_person()
    {
        var plan = Plan(["n1"]).WithStep("n1", RebuildStep.Submitted, job: 7);

        var turn = RebuildStepper.Next(plan, View([Node("n1", image: "new", boot: Now.AddMinutes(1))], [Job(7, "n1", "FAILED", Comment)]), Settings);

        Assert.Equal(RebuildStep.Failed, turn.Plan.Find("n1")!.Step);
        Assert.Equal([new RebuildAction.DrainFailed("n1", "job 7 ended FAILED")], turn.Actions);
    }

    [Fact]
    public void With_the_drain_strategy_a_node_back_on_the_wrong_image_is_drained_for_a_person()
    {
        var plan = Plan(["n1"], strategy: RebuildStrategy.Drain).WithStep("n1", RebuildStep.Rebooting, since: Now.AddMinutes(-5));
        var booted = Node("n1", State(NodeBaseState.Idle, NodeFlags.Drain), boot: Now.AddMinutes(-1), reason: "hpcmaint: rebuild image=new");

        var turn = RebuildStepper.Next(plan, View([booted]), Settings);

        Assert.Equal(RebuildStep.Failed, turn.Plan.Find("n1")!.Step);
        Assert.Equal([new RebuildAction.DrainFailed("n1", "rebooted but reports image old, not new")], turn.Actions);
    }

    [Fact]
    public void A_job_an_admin_cancelled_is_cancelled_not_failed_and_the_node_is_left_alone()
    {
        var plan = Plan(["n1", "n2", "n3", "n4"]).WithStep("n1", RebuildStep.Submitted, job: 7) with { MaxFailures = 0 };

        var turn = RebuildStepper.Next(plan, View(Nodes(4), [Job(7, "n1", "CANCELLED", Comment)]), Settings);

        var n1 = turn.Plan.Find("n1")!;
        Assert.Equal(RebuildStep.Cancelled, n1.Step);
        Assert.StartsWith("job 7 cancelled by admin", n1.Detail, StringComparison.Ordinal);
        Assert.Equal(0, turn.Plan.Count(RebuildStep.Failed));
        Assert.Equal([new RebuildAction.Submit("n2", null)], turn.Actions);
    }

    [Fact]
    public void A_job_cancelled_because_its_node_did_not_come_back_is_a_failure()
    {
        var plan = Plan(["n1"]).WithStep("n1", RebuildStep.Submitted, job: 7);
        var node = Node("n1", State(NodeBaseState.Idle, NodeFlags.Drain), reason: "hpcmaint: rebuild: server did not become ACTIVE");

        var turn = RebuildStepper.Next(plan, View([node], [Job(7, "n1", "CANCELLED", Comment)]), Settings);

        Assert.Equal(RebuildStep.Failed, turn.Plan.Find("n1")!.Step);
        Assert.Empty(turn.Actions);
    }

    [Fact]
    public void With_features_a_node_that_booted_after_its_job_was_queued_and_passed_the_gate_is_done_whatever_its_features_say()
    {
        var plan = Plan(["n1"]).WithStep("n1", RebuildStep.Submitted, job: 7, since: Now.AddMinutes(-10));
        var reset = Node("n1", image: "old", boot: Now.AddMinutes(-5));

        var turn = RebuildStepper.Next(plan, View([reset], [Job(7, "n1", "COMPLETED", Comment)]), Settings);

        var n1 = turn.Plan.Find("n1")!;
        Assert.Equal(RebuildStep.Done, n1.Step);
        Assert.Contains("which a slurmctld restart or reconfigure resets to slurm.conf's", n1.Detail, StringComparison.Ordinal);
        Assert.Empty(turn.Actions);
    }

    [Fact]
    public void With_openstack_as_the_image_source_the_boot_time_proves_nothing()
    {
        var plan = Plan(["n1"]).WithStep("n1", RebuildStep.Submitted, job: 7, since: Now.AddMinutes(-10));
        var booted = Node("n1", image: "old", boot: Now.AddMinutes(-5));

        var turn = RebuildStepper.Next(plan, View([booted], [Job(7, "n1", "COMPLETED", Comment)]), Settings with { ImageSource = "openstack" });

        Assert.Equal(RebuildStep.Failed, turn.Plan.Find("n1")!.Step);
    }

    [Fact]
    public void Retrying_the_failed_nodes_of_a_finished_plan_runs_it_again_with_only_those_nodes_waiting()
    {
        var plan = Plan(["n1", "n2"]).WithStep("n1", RebuildStep.Failed, job: 7).WithStep("n2", RebuildStep.Done, job: 8) with { Status = PlanStatus.Finished };

        var retried = plan.RetryingFailed(Now.AddHours(1));

        Assert.Equal(PlanStatus.Running, retried.Status);
        Assert.Equal((RebuildStep.Waiting, (long?)null, 0), (retried.Find("n1")!.Step, retried.Find("n1")!.JobId, retried.Find("n1")!.Attempts));
        Assert.Equal(RebuildStep.Done, retried.Find("n2")!.Step);
        var turn = RebuildStepper.Next(retried, View(Nodes(4)), Settings);
        Assert.Equal([new RebuildAction.Submit("n1", null)], turn.Actions);
    }

    [Fact]
    public void A_cancelled_plan_or_one_with_no_failures_is_not_retried()
    {
        var cancelled = Plan(["n1"]).WithStep("n1", RebuildStep.Failed) with { Status = PlanStatus.Cancelled };
        var clean = Plan(["n1"]).WithStep("n1", RebuildStep.Done) with { Status = PlanStatus.Finished };

        Assert.Same(cancelled, cancelled.RetryingFailed(Now));
        Assert.Same(clean, clean.RetryingFailed(Now));
    }
}
