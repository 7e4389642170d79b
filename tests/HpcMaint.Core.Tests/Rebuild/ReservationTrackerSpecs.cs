using HpcMaint.Core.Rebuild;
using HpcMaint.Core.Slurm;
using static HpcMaint.Core.Tests.Rebuild.RebuildCluster;

namespace HpcMaint.Core.Tests.Rebuild;

/// <summary>--strategy reservation: one MAINT reservation per node from its last job's end, reboot once idle in it, retries, gate, delete.</summary>
public sealed class ReservationTrackerSpecs
{
    private const string N1Reservation = "hpcmaint-rb-test-n1";

    private static RebuildPlan ReservationPlan(PlanKind kind = PlanKind.Reboot) =>
        Plan(["n1", "n2", "n3", "n4"], strategy: RebuildStrategy.Reservation, image: kind == PlanKind.Reboot ? string.Empty : "new") with { Kind = kind };

    private static Job UserJob(long id, string node, DateTimeOffset end) => Job(id, node, "RUNNING", partition: "batch", name: "user") with { EndTime = end };

    private static Reservation Own(string node, DateTimeOffset start, string state = "INACTIVE") =>
        new(MaintenanceReservations.Name("rb-test", node), node, [node], start, null, ["MAINT", "IGNORE_JOBS"], "root", state);

    private static NodeState InMaintenance(NodeBaseState state = NodeBaseState.Idle) => State(state, NodeFlags.Maintenance | NodeFlags.Reserved);

    [Fact]
    public void An_admitted_node_gets_one_reservation_named_for_the_plan_starting_when_its_running_job_ends()
    {
        var end = Now.AddMinutes(7).AddMilliseconds(300);

        // Every node busy, n1's job ending first: n1 is the one admitted (an idle node would go first).
        var turn = RebuildStepper.Next(
            ReservationPlan(),
            View(Nodes(4), [UserJob(5, "n1", end), UserJob(6, "n2", end.AddMinutes(10)), UserJob(7, "n3", end.AddMinutes(10)), UserJob(8, "n4", end.AddMinutes(10))]),
            Settings);

        var whole = Now.AddMinutes(7).AddSeconds(1);
        Assert.Equal([new RebuildAction.Reserve("n1", N1Reservation, whole)], turn.Actions);
        Assert.Equal(RebuildStep.Reserving, turn.Plan.Find("n1")!.Step);
        Assert.Null(turn.Plan.Find("n1")!.RebootAsked);
        Assert.All(turn.Plan.Nodes.Skip(1), n => Assert.Equal(RebuildStep.Waiting, n.Step));
    }

    [Fact]
    public void A_node_with_nothing_running_is_reserved_from_now()
    {
        var turn = RebuildStepper.Next(ReservationPlan(), View(Nodes(4)), Settings);

        Assert.Equal([new RebuildAction.Reserve("n1", N1Reservation, null)], turn.Actions);
    }

    [Fact]
    public void A_reservation_follows_its_nodes_last_job_when_it_ends_early_or_is_extended_and_is_left_alone_otherwise()
    {
        var plan = ReservationPlan().WithStep("n1", RebuildStep.Reserved);
        var start = Now.AddMinutes(10);
        var reservation = Own("n1", start);

        var ended = RebuildStepper.Next(plan, View(Nodes(4), [], [reservation]), Settings);
        var extended = RebuildStepper.Next(plan, View(Nodes(4), [UserJob(5, "n1", Now.AddMinutes(30))], [reservation]), Settings);
        var same = RebuildStepper.Next(plan, View(Nodes(4), [UserJob(5, "n1", start)], [reservation]), Settings);

        Assert.Equal([new RebuildAction.MoveReservation("n1", N1Reservation, null)], ended.Actions);
        Assert.Equal([new RebuildAction.MoveReservation("n1", N1Reservation, Now.AddMinutes(30))], extended.Actions);
        Assert.Empty(same.Actions);
    }

    [Fact]
    public void Once_its_reservation_has_started_and_the_node_is_idle_in_it_the_node_is_rebooted_plainly_with_the_ask_recorded()
    {
        var plan = ReservationPlan().WithStep("n1", RebuildStep.Reserved);
        var active = Own("n1", Now.AddMinutes(-1), "ACTIVE");
        Node[] idle = [Node("n1", InMaintenance()), .. Nodes(4)[1..]];
        Node[] busy = [Node("n1", InMaintenance(NodeBaseState.Allocated)), .. Nodes(4)[1..]];

        var rebooted = RebuildStepper.Next(plan, View(idle, [], [active]), Settings);
        var waits = RebuildStepper.Next(plan, View(busy, [UserJob(5, "n1", Now.AddMinutes(-2))], [active]), Settings);

        Assert.Equal([new RebuildAction.Reboot("n1", "hpcmaint: reboot plan=rb-test")], rebooted.Actions);
        var n1 = rebooted.Plan.Find("n1")!;
        Assert.Equal((RebuildStep.Rebooting, Now, 1), (n1.Step, n1.RebootAsked, n1.Attempts));
        Assert.Empty(waits.Actions);
        Assert.Equal(RebuildStep.Reserved, waits.Plan.Find("n1")!.Step);
        Assert.StartsWith("in its reservation, waits for the node to be idle", waits.Plan.Find("n1")!.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_rebuild_by_reservation_reboots_with_the_image_in_the_reason()
    {
        var plan = ReservationPlan(PlanKind.Rebuild).WithStep("n1", RebuildStep.Reserved);

        var turn = RebuildStepper.Next(plan, View([Node("n1", InMaintenance()), .. Nodes(4)[1..]], [], [Own("n1", Now.AddMinutes(-1), "ACTIVE")]), Settings);

        Assert.Equal([new RebuildAction.Reboot("n1", "hpcmaint: rebuild image=new")], turn.Actions);
    }

    [Fact]
    public void A_node_not_back_within_the_timeout_is_rebooted_again_and_after_the_last_attempt_is_drained_then_its_reservation_deleted()
    {
        var plan = ReservationPlan() with { RebootTimeout = TimeSpan.FromSeconds(60), MaxAttempts = 2 };
        var asked = Now.AddSeconds(-61);
        plan = plan.With(plan.Find("n1")! with { Step = RebuildStep.Rebooting, RebootAsked = asked, Attempts = 1 });
        Node[] down = [Node("n1", State(NodeBaseState.Down, NodeFlags.NotResponding | NodeFlags.Maintenance | NodeFlags.Reserved), boot: Now.AddDays(-1)), .. Nodes(4)[1..]];
        Reservation[] own = [Own("n1", Now.AddMinutes(-5), "ACTIVE")];

        var second = RebuildStepper.Next(plan, View(down, [], own), Settings);
        var last = RebuildStepper.Next(second.Plan, View(down, [], own, now: Now.AddSeconds(61)), Settings);
        var gone = RebuildStepper.Next(last.Plan, View(down, [], [], now: Now.AddSeconds(62)), Settings);

        Assert.Equal([new RebuildAction.Reboot("n1", "hpcmaint: reboot plan=rb-test")], second.Actions);
        Assert.Equal((2, Now), (second.Plan.Find("n1")!.Attempts, second.Plan.Find("n1")!.RebootAsked));
        var why = Assert.IsType<RebuildAction.DrainFailed>(last.Actions[0]).Detail;
        Assert.StartsWith("did not come back: attempt 2 of 2: not back within 60 s (--reboot-timeout", why, StringComparison.Ordinal);
        Assert.Equal(new RebuildAction.Release("n1", N1Reservation), last.Actions[1]);
        Assert.Equal(RebuildStep.Releasing, last.Plan.Find("n1")!.Step);
        Assert.Equal((RebuildStep.Failed, why), (gone.Plan.Find("n1")!.Step, gone.Plan.Find("n1")!.Detail));
        Assert.Equal([new RebuildAction.Reserve("n2", "hpcmaint-rb-test-n2", null)], gone.Actions);
    }

    [Fact]
    public void A_passed_gate_deletes_the_reservation_and_the_node_is_done_once_it_is_gone()
    {
        var plan = ReservationPlan().WithStep("n1", RebuildStep.Gating);

        var (change, action) = GateVerdict.Ended(plan, plan.Find("n1")!, passed: true, "exit 0", Now);
        plan = plan.With(change!.After);
        var releasing = RebuildStepper.Next(plan, View(Nodes(4), [], [Own("n1", Now.AddMinutes(-5), "ACTIVE")]), Settings);
        var done = RebuildStepper.Next(releasing.Plan, View(Nodes(4)), Settings);

        Assert.Null(action);
        Assert.Equal([new RebuildAction.Release("n1", N1Reservation)], releasing.Actions);
        Assert.Equal(RebuildStep.Done, done.Plan.Find("n1")!.Step);
    }

    [Fact]
    public void A_node_in_someone_elses_MAINT_reservation_waits_and_that_reservation_is_never_touched()
    {
        var foreign = Maintenance("hpcmaint-rb-test-2-n1", "n1");
        Node[] nodes = [Node("n1", InMaintenance()), .. Nodes(4)[1..]];

        var turn = RebuildStepper.Next(ReservationPlan(), View(nodes, [], [foreign]), Settings);

        Assert.DoesNotContain(turn.Actions, a => a.Node == "n1");
        Assert.Equal(RebuildStep.Waiting, turn.Plan.Find("n1")!.Step);
        Assert.Contains("not this plan's", turn.Plan.Find("n1")!.Detail, StringComparison.Ordinal);
        Assert.False(MaintenanceReservations.IsOwnedBy(foreign, ReservationPlan()));
    }

    [Fact]
    public void Cancel_deletes_each_reservation_of_the_plan_and_only_those()
    {
        var plan = ReservationPlan().WithStep("n1", RebuildStep.Reserved).WithStep("n2", RebuildStep.Done);
        Reservation[] reservations = [Own("n1", Now.AddMinutes(5)), Own("n2", Now), Maintenance("hpcmaint-rb-test-2-n3", "n3")];

        var steps = plan.Nodes.Select(n => PlanCancellation.Decide(plan, n, new Dictionary<long, Job>(), reservations, Settings, Now)).ToArray();

        Assert.Equal(new CancelStep.DeleteReservation(plan.Find("n1")!, N1Reservation), steps[0]);
        Assert.Equal(new CancelStep.DeleteReservation(plan.Find("n2")!, "hpcmaint-rb-test-n2"), steps[1]);
        Assert.Equal(RebuildStep.Cancelled, Assert.IsType<CancelStep.Now>(steps[2]).Change.After.Step);
        Assert.Equal(RebuildStep.Done, PlanCancellation.ReservationDeleted((CancelStep.DeleteReservation)steps[1]!, null, Now).After.Step);
        Assert.Equal(RebuildStep.Cancelled, PlanCancellation.ReservationDeleted((CancelStep.DeleteReservation)steps[0]!, null, Now).After.Step);
    }
}
