using HpcMaint.Core.Rebuild;
using HpcMaint.Core.Slurm;
using static HpcMaint.Core.Tests.Rebuild.PreemptionCluster;
using static HpcMaint.Core.Tests.Rebuild.RebuildCluster;

namespace HpcMaint.Core.Tests.Rebuild;

/// <summary>Which jobs a MAINT reservation need not wait for, and what --terminate-preemptable does with them.</summary>
public sealed class PreemptableJobsSpecs
{
    private const string N1Reservation = "hpcmaint-rb-test-n1";

    private static readonly RebuildSettings Scavenger = new() { PreemptablePartitions = ["high"] };

    private static RebuildPlan ReservationPlan(bool terminate) =>
        Plan(All, strategy: RebuildStrategy.Reservation, image: string.Empty) with { Kind = PlanKind.Reboot, TerminatePreemptable = terminate };

    private static Reservation Active(string node) =>
        new(MaintenanceReservations.Name("rb-test", node), node, [node], Now.AddMinutes(-1), null, ["MAINT", "IGNORE_JOBS"], "root", "ACTIVE");

    private static Node[] BusyN1 => [Node("n1", State(NodeBaseState.Allocated, NodeFlags.Maintenance | NodeFlags.Reserved)), .. Nodes(4)[1..]];

    [Fact]
    public void Under_partition_prio_a_job_is_preemptable_when_its_partition_preempts_and_a_higher_tier_shares_the_node()
    {
        var view = Preempting(Nodes(4));
        var lowerOnly = Preempting(Nodes(4), partitions: [Partition("low", 1, "REQUEUE", All), Partition("rebuild", 65533, "OFF", All)]);
        var modeOff = Preempting(Nodes(4), partitions: [Partition("high", 10, "OFF", All), Partition("low", 1, "OFF", All)]);

        Assert.True(PreemptableJobs.IsPreemptable(Running(1, "n1", "low", null), "n1", view, Settings));
        Assert.False(PreemptableJobs.IsPreemptable(Running(2, "n1", "high", null), "n1", view, Settings));
        Assert.False(PreemptableJobs.IsPreemptable(Running(3, "n1", "other", null), "n1", view, Settings));
        Assert.False(PreemptableJobs.IsPreemptable(Running(4, "n1", "low", null), "n1", lowerOnly, Settings));
        Assert.False(PreemptableJobs.IsPreemptable(Running(5, "n1", "low", null), "n1", modeOff, Settings));
    }

    [Fact]
    public void Under_preempt_qos_or_none_only_the_named_partitions_are_preemptable_and_a_named_one_is_under_any()
    {
        foreach (var type in new[] { "preempt/qos", "preempt/none" })
        {
            var view = Preempting(Nodes(4), preemptType: type);
            Assert.False(PreemptableJobs.IsPreemptable(Running(1, "n1", "low", null), "n1", view, Settings));
            Assert.True(PreemptableJobs.IsPreemptable(Running(2, "n1", "high", null), "n1", view, Scavenger));
        }

        Assert.True(PreemptableJobs.IsPreemptable(Running(3, "n1", "high", null), "n1", Preempting(Nodes(4)), Scavenger));
        Assert.Contains("only [rebuild] preemptable_partitions (named: high)", PreemptableJobs.Rule(Preempting(Nodes(4), preemptType: "preempt/qos"), Scavenger), StringComparison.Ordinal);
    }

    [Fact]
    public void The_reservation_starts_after_the_last_non_preemptable_job_else_after_the_preemptable_ones_or_now_with_the_flag()
    {
        var mixed = Preempting(Nodes(4), [Running(1, "n1", "high", Now.AddMinutes(10)), Running(2, "n1", "low", Now.AddMinutes(60))]);
        var onlyPreemptable = Preempting(Nodes(4), [Running(2, "n1", "low", Now.AddMinutes(60))]);

        Assert.Equal(Now.AddMinutes(10), MaintenanceReservations.Start("n1", mixed, Settings, terminatePreemptable: false));
        Assert.Equal(Now.AddMinutes(10), MaintenanceReservations.Start("n1", mixed, Settings, terminatePreemptable: true));
        Assert.Equal(Now.AddMinutes(60), MaintenanceReservations.Start("n1", onlyPreemptable, Settings, terminatePreemptable: false));
        Assert.Null(MaintenanceReservations.Start("n1", onlyPreemptable, Settings, terminatePreemptable: true));
    }

    [Fact]
    public void With_the_flag_a_node_with_only_preemptable_work_is_admitted_as_idle_and_reserved_from_now()
    {
        var jobs = new[] { Running(1, "n1", "high", Now.AddMinutes(5)), Running(2, "n2", "low", Now.AddMinutes(60)), Running(3, "n3", "high", Now.AddMinutes(20)), Running(4, "n4", "high", Now.AddMinutes(20)) };
        Node[] busy = [.. All.Select(n => Node(n, State(NodeBaseState.Allocated)))];

        var with = RebuildStepper.Next(ReservationPlan(terminate: true), Preempting(busy, jobs), Settings);
        var without = RebuildStepper.Next(ReservationPlan(terminate: false), Preempting(busy, jobs), Settings);

        Assert.Equal([new RebuildAction.Reserve("n2", "hpcmaint-rb-test-n2", null)], with.Actions);
        Assert.Equal([new RebuildAction.Reserve("n1", N1Reservation, Now.AddMinutes(5))], without.Actions);
    }

    [Fact]
    public void Once_the_reservation_has_started_the_flag_requeues_each_preemptable_job_there_once_and_then_waits()
    {
        var plan = ReservationPlan(terminate: true).WithStep("n1", RebuildStep.Reserved);
        Job[] jobs = [Running(1, "n1", "low", Now.AddMinutes(60)), Running(2, "n2", "low", Now.AddMinutes(60))];

        var first = RebuildStepper.Next(plan, Preempting(BusyN1, jobs, [Active("n1")]), Settings);
        var again = RebuildStepper.Next(first.Plan, Preempting(BusyN1, jobs, [Active("n1")]), Settings);
        var without = RebuildStepper.Next(plan with { TerminatePreemptable = false }, Preempting(BusyN1, jobs, [Active("n1")]), Settings);

        Assert.Equal([new RebuildAction.Requeue("n1", 1)], first.Actions);
        Assert.Equal([1L], first.Plan.Find("n1")!.RequeueAsked);
        Assert.Empty(again.Actions);
        Assert.StartsWith("in its reservation, waits for the node to be idle", again.Plan.Find("n1")!.Detail, StringComparison.Ordinal);
        Assert.Empty(without.Actions);
    }

    [Fact]
    public void No_job_is_requeued_while_a_non_preemptable_job_still_runs_on_the_node()
    {
        var plan = ReservationPlan(terminate: true).WithStep("n1", RebuildStep.Reserved);
        Job[] jobs = [Running(1, "n1", "low", Now.AddMinutes(60)), Running(2, "n1", "high", Now.AddMinutes(1))];

        var turn = RebuildStepper.Next(plan, Preempting(BusyN1, jobs, [Active("n1")]), Settings);

        Assert.Empty(turn.Actions);
    }

    [Fact]
    public void The_flag_is_refused_with_a_strategy_that_makes_no_reservation()
    {
        var input = new RebuildInput(null, "n[1-4]", null, 25, RebuildStrategy.Drain, DryRun: false) { Kind = PlanKind.Reboot, TerminatePreemptable = true };

        Assert.StartsWith("--terminate-preemptable: --strategy drain makes no reservation", RebuildStartRules.InputProblem(input), StringComparison.Ordinal);
        Assert.Null(RebuildStartRules.InputProblem(input with { Strategy = RebuildStrategy.Reservation }));
        Assert.True(RebuildStartRules.Request(input with { Strategy = RebuildStrategy.Reservation }, All).TerminatePreemptable);
    }
}
