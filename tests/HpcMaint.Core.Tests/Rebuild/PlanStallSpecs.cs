using HpcMaint.Core.Rebuild;
using HpcMaint.Core.Slurm;
using static HpcMaint.Core.Tests.Rebuild.RebuildCluster;

namespace HpcMaint.Core.Tests.Rebuild;

/// <summary>A plan that can start nothing because of a node outside its control says so, once when it begins and once when it ends.</summary>
public sealed class PlanStallSpecs
{
    private static readonly NodeState Drained = State(NodeBaseState.Idle, NodeFlags.Drain);

    /// <summary>The case: an admin drains n2 at 25 % of 4, so n2 waits for service and the others for the budget n2 eats.</summary>
    private static Node[] AdminDrainsN2()
    {
        var nodes = Nodes(4);
        nodes[1] = Node("n2", Drained, reason: "bios update, ticket 12");
        return nodes;
    }

    [Fact]
    public void An_admins_drain_that_eats_the_budget_stalls_the_plan_by_that_node_since_the_pass_that_found_it()
    {
        var turn = RebuildStepper.Next(Plan(["n1", "n2", "n3", "n4"]), View(AdminDrainsN2()), Settings);

        Assert.Empty(turn.Actions);
        var stall = turn.Plan.Stall!;
        Assert.Equal(Now, stall.Since);
        Assert.Equal([new StallBlocker("n2", "drained", "drained by someone else: bios update, ticket 12")], stall.By);
        Assert.Equal("stalled since 2026-11-21 09:30:00Z by n2 (drained by someone else: bios update, ticket 12)", stall.Text);
        Assert.True(turn.StallNews!.Began);
    }

    [Fact]
    public void A_stall_is_told_once_while_it_lasts_and_keeps_its_since_time()
    {
        var first = RebuildStepper.Next(Plan(["n1", "n2", "n3", "n4"]), View(AdminDrainsN2()), Settings);

        var later = RebuildStepper.Next(first.Plan, View(AdminDrainsN2(), now: Now.AddMinutes(30)), Settings);

        Assert.Null(later.StallNews);
        Assert.Equal(Now, later.Plan.Stall!.Since);
    }

    [Fact]
    public void The_stall_ends_when_the_node_is_back_and_says_how_long_it_lasted()
    {
        var stalled = RebuildStepper.Next(Plan(["n1", "n2", "n3", "n4"]), View(AdminDrainsN2()), Settings);

        var back = RebuildStepper.Next(stalled.Plan, View(Nodes(4), now: Now.AddMinutes(2)), Settings);

        Assert.Null(back.Plan.Stall);
        Assert.False(back.StallNews!.Began);
        Assert.Equal("no longer stalled after 120 s (since 2026-11-21 09:30:00Z, by n2 (drained by someone else: bios update, ticket 12))", back.StallNews.Text);
        Assert.Single(back.Actions);
    }

    [Fact]
    public void A_plan_with_a_node_in_flight_is_not_stalled_however_many_wait()
    {
        var plan = Plan(["n1", "n2", "n3", "n4"]).WithStep("n1", RebuildStep.Submitted, job: 7);

        var turn = RebuildStepper.Next(plan, View(Nodes(4), [Job(7, "n1", "RUNNING", "hpcmaint image=new plan=rb-test")]), Settings);

        Assert.Null(turn.Plan.Stall);
        Assert.Null(turn.StallNews);
    }

    [Fact]
    public void A_budget_eaten_by_a_node_outside_the_plan_names_that_node()
    {
        var nodes = Nodes(4);
        nodes[3] = Node("n4", State(NodeBaseState.Down, NodeFlags.NotResponding), reason: "Not responding");

        var turn = RebuildStepper.Next(Plan(["n1", "n2", "n3"]), View(nodes), Settings);

        Assert.Equal([new StallBlocker("n4", "down", "DOWN+NOT_RESPONDING: Not responding")], turn.Plan.Stall!.By);
    }

    [Fact]
    public void A_node_in_someone_elses_maintenance_reservation_stalls_the_plan_by_that_reservation()
    {
        var turn = RebuildStepper.Next(
            Plan(["n1"], maxDown: 100, strategy: RebuildStrategy.Reservation), View(Nodes(4), reservations: [Maintenance("firmware", "n1")]), Settings);

        Assert.Equal([new StallBlocker("n1", "reservation", "in MAINT reservation firmware, not this plan's")], turn.Plan.Stall!.By);
    }

    [Fact]
    public void A_plan_halted_on_its_own_failures_is_not_stalled_by_anyone()
    {
        var plan = Plan(["n1", "n2", "n3", "n4"]).WithStep("n1", RebuildStep.Failed).WithStep("n2", RebuildStep.Failed);

        var turn = RebuildStepper.Next(plan, View(Nodes(4)), Settings);

        Assert.Equal(PlanStatus.Halted, turn.Plan.Status);
        Assert.Null(turn.Plan.Stall);
    }

    [Fact]
    public void A_closed_window_neither_starts_nor_ends_a_stall()
    {
        var stalled = RebuildStepper.Next(Plan(["n1", "n2", "n3", "n4"]), View(AdminDrainsN2()), Settings);

        var closed = RebuildStepper.Next(stalled.Plan, View(Nodes(4), now: Now.AddMinutes(2)), Settings, admissionClosed: "outside every maintenance window");

        Assert.Null(closed.StallNews);
        Assert.Same(stalled.Plan.Stall, closed.Plan.Stall);
        Assert.Null(RebuildStepper.Next(Plan(["n1"]), View(AdminDrainsN2()), Settings, admissionClosed: "closed").Plan.Stall);
    }

    [Fact]
    public void Many_blockers_are_shown_three_and_counted()
    {
        var stall = new PlanStall(Now, Enumerable.Range(1, 5).Select(i => new StallBlocker($"n{i}", "down", "DOWN")).ToArray());

        Assert.Equal("stalled since 2026-11-21 09:30:00Z by n1 (DOWN), n2 (DOWN), n3 (DOWN) and 2 more", stall.Text);
    }
}
