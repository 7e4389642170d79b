using HpcMaint.Core.Rebuild;
using HpcMaint.Core.Slurm;
using static HpcMaint.Core.Tests.Rebuild.RebuildCluster;

namespace HpcMaint.Core.Tests.Rebuild;

public sealed class WavePlannerSpecs
{
    private static readonly string[] Four = ["n1", "n2", "n3", "n4"];

    [Fact]
    public void At_25_percent_of_4_idle_nodes_exactly_one_is_admitted()
    {
        var turn = RebuildStepper.Next(Plan(Four), View(Nodes(4)), Settings);

        var admitted = Assert.Single(turn.Actions);
        Assert.Equal(new RebuildAction.Submit("n1", null), admitted);
        Assert.Equal(1, turn.Plan.Count(RebuildStep.Submitting));
        Assert.Equal(3, turn.Plan.Count(RebuildStep.Waiting));
        Assert.Equal("budget: batch: 1 out (n1) + n2 = 2 > 1 (25 % of 4)", turn.Plan.Find("n2")!.Detail);
    }

    [Fact]
    public void A_node_in_its_own_maintenance_reservation_does_not_count_against_its_own_limit()
    {
        // The seed operator deadlocks here: n1 is out (reserved) and counts against itself, 1 < 1 fails.
        var nodes = Nodes(4);
        nodes[0] = Node("n1", State(NodeBaseState.Idle, NodeFlags.Maintenance | NodeFlags.Reserved));

        var turn = RebuildStepper.Next(Plan(Four), View(nodes, reservations: [Maintenance("maint_n1", "n1")]), Settings);

        Assert.Equal([new RebuildAction.Submit("n1", "maint_n1")], turn.Actions);
        Assert.Contains("batch: 0 out + n1 = 1 ≤ 1 (25 % of 4)", turn.Changes.Single(c => c.Node == "n1").Why, StringComparison.Ordinal);
    }

    [Fact]
    public void A_down_node_elsewhere_in_the_partition_uses_up_the_budget()
    {
        var nodes = Nodes(4);
        nodes[3] = Node("n4", State(NodeBaseState.Down, NodeFlags.NotResponding));

        var turn = RebuildStepper.Next(Plan(["n1", "n2", "n3"]), View(nodes), Settings);

        Assert.Empty(turn.Actions);
        Assert.Equal("budget: batch: 1 out (n4) + n1 = 2 > 1 (25 % of 4)", turn.Plan.Find("n1")!.Detail);
    }

    [Fact]
    public void A_drained_node_of_the_plan_waits_until_it_is_back_in_service()
    {
        var nodes = Nodes(8);
        nodes[0] = Node("n1", State(NodeBaseState.Idle, NodeFlags.Drain), reason: "NHC: disk");

        var turn = RebuildStepper.Next(Plan(nodes.Select(n => n.Name)), View(nodes), Settings);

        Assert.Equal(RebuildStep.Waiting, turn.Plan.Find("n1")!.Step);
        Assert.StartsWith("n1 is IDLE+DRAIN: waits", turn.Plan.Find("n1")!.Detail, StringComparison.Ordinal);
        Assert.Equal([new RebuildAction.Submit("n2", null)], turn.Actions);
    }

    [Fact]
    public void Nodes_already_on_the_image_are_skipped_and_use_no_budget()
    {
        var nodes = Nodes(4);
        nodes[0] = Node("n1", image: "new");

        var turn = RebuildStepper.Next(Plan(Four), View(nodes), Settings);

        Assert.Equal(RebuildStep.Skipped, turn.Plan.Find("n1")!.Step);
        Assert.Equal([new RebuildAction.Submit("n2", null)], turn.Actions);
    }

    [Fact]
    public void A_queued_rebuild_job_to_the_same_image_is_followed_instead_of_submitting_another()
    {
        var job = Job(41, "n1", comment: "hpcmaint image=new plan=rb-older");

        var turn = RebuildStepper.Next(Plan(Four), View(Nodes(4), [job]), Settings);

        Assert.Equal(RebuildStep.Submitted, turn.Plan.Find("n1")!.Step);
        Assert.Equal(41, turn.Plan.Find("n1")!.JobId);
        Assert.Empty(turn.Actions);
    }

    [Fact]
    public void A_rebuild_job_to_another_image_holds_its_node_and_counts_against_the_budget()
    {
        var job = Job(41, "n1", comment: "hpcmaint image=other");

        var turn = RebuildStepper.Next(Plan(Four), View(Nodes(4), [job]), Settings);

        Assert.Empty(turn.Actions);
        Assert.Contains("job 41", turn.Plan.Find("n1")!.Detail, StringComparison.Ordinal);
        Assert.StartsWith("budget: batch: 1 out (n1)", turn.Plan.Find("n2")!.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_node_in_two_partitions_must_fit_both_budgets()
    {
        var nodes = Enumerable.Range(1, 8).Select(i => Node($"n{i}", partitions: i <= 4 ? ["batch", "gpu", "rebuild"] : ["batch", "rebuild"])).ToArray();

        var turn = RebuildStepper.Next(Plan(nodes.Select(n => n.Name), maxDown: 25), View(nodes), Settings);

        // batch allows 2 of 8, gpu 1 of 4: n1 takes gpu's only slot, n5 the second batch slot.
        Assert.Equal([new RebuildAction.Submit("n1", null), new RebuildAction.Submit("n5", null)], turn.Actions);
    }

    [Fact]
    public void A_budget_that_admits_no_node_is_refused_when_the_plan_is_made()
    {
        var view = View(Nodes(4));

        PlanFactory.Create("rb-x", new RebuildRequest(Four, "new", RebuildStrategy.Job, 10, "--partition batch"), view, Settings, out var problems);

        Assert.Equal(["--max-down 10 % of the 4 nodes of partition batch is 0 nodes: nothing could ever be rebuilt; use --max-down 25 or more"], problems);
    }

    [Fact]
    public void The_drain_strategy_drains_admitted_nodes_with_the_image_in_an_hpcmaint_reason()
    {
        var turn = RebuildStepper.Next(Plan(Four, maxDown: 50, strategy: RebuildStrategy.Drain), View(Nodes(4)), Settings);

        Assert.Equal(
            [new RebuildAction.Drain("n1", "hpcmaint: rebuild image=new"), new RebuildAction.Drain("n2", "hpcmaint: rebuild image=new")],
            turn.Actions);
    }

    [Fact]
    public void A_node_whose_rebuild_failed_is_left_drained_and_does_not_stop_the_others()
    {
        var nodes = Nodes(4);
        nodes[0] = Node("n1", State(NodeBaseState.Down, NodeFlags.Drain), reason: "hpcmaint: rebuild: No valid host was found.");

        var turn = RebuildStepper.Next(Plan(Four).WithStep("n1", RebuildStep.Failed), View(nodes), Settings);

        Assert.Equal([new RebuildAction.Submit("n2", null)], turn.Actions);
        Assert.Contains("batch: 0 out + n2 = 1 ≤ 1 (25 % of 4)", turn.Changes.Single(c => c.Node == "n2").Why, StringComparison.Ordinal);
        Assert.Equal(PlanStatus.Running, turn.Plan.Status);
    }

    [Fact]
    public void One_failure_more_than_tolerated_admits_nothing_and_halts_once_nothing_is_in_flight()
    {
        var plan = Plan(Four).WithStep("n1", RebuildStep.Failed).WithStep("n2", RebuildStep.Failed) with { MaxFailures = 1 };

        var turn = RebuildStepper.Next(plan, View(Nodes(4)), Settings);

        Assert.Empty(turn.Actions);
        Assert.Equal("halted: 2 nodes failed, more than the 1 the plan tolerates (--max-failures)", turn.Plan.Find("n3")!.Detail);
        Assert.Equal(PlanStatus.Halted, turn.Plan.Status);
        Assert.False(turn.Plan.IsOpen);
    }

    [Fact]
    public void Over_the_failure_limit_a_plan_keeps_following_the_nodes_in_flight_before_it_halts()
    {
        var plan = Plan(Four, maxDown: 50).WithStep("n1", RebuildStep.Failed).WithStep("n2", RebuildStep.Failed).WithStep("n3", RebuildStep.Submitted, job: 7);

        var turn = RebuildStepper.Next(plan, View(Nodes(4), [Job(7, "n3", "RUNNING", comment: plan.JobComment)]), Settings);

        Assert.Empty(turn.Actions);
        Assert.Equal(PlanStatus.Running, turn.Plan.Status);
        Assert.StartsWith("halted: 2 nodes failed", turn.Plan.Find("n4")!.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Failures_up_to_the_limit_let_the_plan_finish()
    {
        var plan = Plan(["n1", "n2"]).WithStep("n1", RebuildStep.Failed).WithStep("n2", RebuildStep.Done) with { MaxFailures = 1 };

        Assert.Equal(PlanStatus.Finished, plan.Settle().Status);
    }
}
