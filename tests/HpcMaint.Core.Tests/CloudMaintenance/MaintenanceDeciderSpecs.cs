using HpcMaint.Core.CloudMaintenance;
using HpcMaint.Core.Config;
using HpcMaint.Core.Slurm;
using static HpcMaint.Core.Tests.CloudMaintenance.MaintenanceWorld;

namespace HpcMaint.Core.Tests.CloudMaintenance;

public sealed class MaintenanceDeciderSpecs
{
    private static readonly OciMaintenanceSettings Policy = new()
    {
        ApprovedFaultCodes = ["HPCGPU-0001-01"],
        ExcludedHosts = ["n4"],
        DailyCap = 2,
        MaxDownPercent = 50,
        ScheduleLead = TimeSpan.Zero,
    };

    private static MaintenanceWorld World(OciMaintenanceSettings? settings = null, params Ev[] events) =>
        new(Enumerable.Range(1, 8).Select(i => Node($"n{i}")), events, settings ?? Policy);

    private static EventDecision DecisionOf(MaintenancePlan plan, string id) => plan.Decisions.Single(d => d.Event.Id == id);

    [Fact]
    public void An_approved_event_drains_its_node_with_the_event_in_the_reason_and_records_the_start_first()
    {
        var plan = MaintenanceDecider.Decide(World(events: new Ev("e1", "n1")).Input());

        var d = DecisionOf(plan, "e1");
        Assert.Equal(EventVerdict.Drain, d.Verdict);
        Assert.Collection(d.Actions,
            a => Assert.IsType<MaintenanceAction.RecordStart>(a),
            a => Assert.Equal("hpcmaint: oci-maintenance event=e1", Assert.IsType<MaintenanceAction.Drain>(a).Reason));
        Assert.Contains("daily cap: 0 today + 1 = 1 ≤ 2", d.Why, StringComparison.Ordinal);
        Assert.Contains("batch: 0 out + n1 = 1 ≤ 4 (50 % of 8)", d.Why, StringComparison.Ordinal);
    }

    [Fact]
    public void Unapproved_fault_codes_excluded_hosts_unknown_nodes_and_foreign_drains_are_reported_only_each_with_its_why()
    {
        var world = World(null,
            new Ev("e1", "n1") { Faults = ["HPCRDMA-0002-02"] },
            new Ev("e2", "n4"),
            new Ev("e3", "n9"),
            new Ev("e4", "n2"),
            new Ev("e5", "n3") { Faults = [] });
        world.Nodes["n2"] = Node("n2", reason: "disk swap, ticket 1234", flags: NodeFlags.Drain);

        var plan = MaintenanceDecider.Decide(world.Input());

        Assert.All(plan.Decisions, d => Assert.Equal(EventVerdict.Report, d.Verdict));
        Assert.Empty(plan.Actions);
        Assert.Contains("HPCRDMA-0002-02 is not in [oci.maintenance] approved_fault_codes", DecisionOf(plan, "e1").Why, StringComparison.Ordinal);
        Assert.Contains("n4 is in [oci.maintenance] excluded_hosts", DecisionOf(plan, "e2").Why, StringComparison.Ordinal);
        Assert.Contains("n9 is not a node Slurm knows", DecisionOf(plan, "e3").Why, StringComparison.Ordinal);
        Assert.Contains("held by someone else (IDLE+DRAIN, reason \"disk swap, ticket 1234\")", DecisionOf(plan, "e4").Why, StringComparison.Ordinal);
        Assert.Contains("names no fault code", DecisionOf(plan, "e5").Why, StringComparison.Ordinal);
    }

    [Fact]
    public void The_daily_cap_holds_the_third_event_of_the_day_and_says_its_arithmetic()
    {
        var plan = MaintenanceDecider.Decide(World(null, new Ev("e1", "n1"), new Ev("e2", "n2"), new Ev("e3", "n3")).Input());

        Assert.Equal([EventVerdict.Drain, EventVerdict.Drain, EventVerdict.Wait], plan.Decisions.Select(d => d.Verdict));
        Assert.Equal("daily cap: 2 today + 1 = 3 > 2", DecisionOf(plan, "e3").Why);
    }

    [Fact]
    public void A_due_event_is_taken_first_and_past_the_cap_and_says_so()
    {
        var due = T0.AddHours(20);
        var world = World(null, new Ev("e1", "n1"), new Ev("e2", "n2"), new Ev("e3", "n3") { Due = due });
        world.Records["old1"] = new MaintenanceRecord("old1", "n7", T0.AddHours(-1));
        world.Records["old2"] = new MaintenanceRecord("old2", "n8", T0.AddHours(-2));

        var plan = MaintenanceDecider.Decide(world.Input());

        var d = DecisionOf(plan, "e3");
        Assert.Equal(EventVerdict.Drain, d.Verdict);
        Assert.True(d.DueOverride);
        Assert.Contains("due 2026-12-08 02:00:00Z (e3, within 48h): out of jobs before then past daily cap: 2 today + 1 = 3 > 2", d.Why, StringComparison.Ordinal);
        Assert.Equal(EventVerdict.Wait, DecisionOf(plan, "e1").Verdict);
        Assert.Equal("e3", plan.Decisions[0].Event.Id);
    }

    [Fact]
    public void A_correlation_group_that_does_not_fit_the_cap_waits_whole_and_one_larger_than_the_cap_says_what_to_raise()
    {
        var world = World(null, new Ev("e1", "n1") { Token = "g" }, new Ev("e2", "n2") { Token = "g" }, new Ev("e5", "n5"), new Ev("e6", "n6") { Token = "big" }, new Ev("e7", "n7") { Token = "big" }, new Ev("e8", "n8") { Token = "big" });
        world.Records["old1"] = new MaintenanceRecord("old1", "n3", T0.AddHours(-1));

        var plan = MaintenanceDecider.Decide(world.Input());

        Assert.Equal([EventVerdict.Wait, EventVerdict.Wait], plan.Decisions.Where(d => d.Event.CorrelationToken == "g").Select(d => d.Verdict));
        Assert.Equal("group g (2 events) moves together: daily cap: 1 today + 2 = 3 > 2", DecisionOf(plan, "e1").Why);
        Assert.Equal(EventVerdict.Drain, DecisionOf(plan, "e5").Verdict);
        Assert.Contains("the group's 3 events are more than daily_cap = 2 allows in one day: raise [oci.maintenance] daily_cap to 3", DecisionOf(plan, "e8").Why, StringComparison.Ordinal);
    }

    [Fact]
    public void A_group_with_an_excluded_member_is_reported_whole()
    {
        var plan = MaintenanceDecider.Decide(World(null, new Ev("e1", "n1") { Token = "g" }, new Ev("e4", "n4") { Token = "g" }).Input());

        Assert.Empty(plan.Actions);
        Assert.Contains("e4 on n4 is held back (n4 is in [oci.maintenance] excluded_hosts)", DecisionOf(plan, "e1").Why, StringComparison.Ordinal);
    }

    [Fact]
    public void The_budget_holds_a_node_when_its_partition_is_at_max_down()
    {
        var world = World(Policy with { MaxDownPercent = 25 }, new Ev("e1", "n1"));
        world.Nodes["n5"] = Node("n5", reason: "hpcmaint: fs.mount: x vs y", flags: NodeFlags.Drain);
        world.Nodes["n6"] = Node("n6", flags: NodeFlags.NotResponding);

        var plan = MaintenanceDecider.Decide(world.Input());

        Assert.Equal("budget: batch: 2 out (n[5-6]) + n1 = 3 > 2 (25 % of 8)", DecisionOf(plan, "e1").Why);
    }

    [Fact]
    public void A_drained_node_still_running_a_job_waits_and_once_idle_its_event_is_scheduled_with_the_attempt_recorded_first()
    {
        var world = World(null, new Ev("e1", "n1"));
        world.Nodes["n1"] = Node("n1", busy: true, reason: MaintenanceReasons.For("e1"), flags: NodeFlags.Drain);
        world.Records["e1"] = new MaintenanceRecord("e1", "n1", T0);

        Assert.Contains("n1 still runs jobs (ALLOCATED+DRAIN)", DecisionOf(MaintenanceDecider.Decide(world.Input()), "e1").Why, StringComparison.Ordinal);

        world.Nodes["n1"] = Node("n1", reason: MaintenanceReasons.For("e1"), flags: NodeFlags.Drain);
        var d = DecisionOf(MaintenanceDecider.Decide(world.Input()), "e1");
        Assert.Equal(EventVerdict.Schedule, d.Verdict);
        Assert.Equal([typeof(MaintenanceAction.RecordSchedule), typeof(MaintenanceAction.Schedule)], d.Actions.Select(a => a.GetType()));
        Assert.Equal(1, Assert.IsType<MaintenanceAction.Schedule>(d.Actions[1]).Attempt);
    }

    [Fact]
    public void A_failed_work_request_is_scheduled_again_up_to_max_reschedules_then_the_node_is_drained_for_a_person()
    {
        var world = World(Policy with { MaxReschedules = 1 }, new Ev("e1", "n1") { Outcomes = new(["FAILED", "FAILED"]) });
        world.Run(30, _ => null);

        var e = world.Events[0];
        Assert.Equal(2, e.Schedules);
        Assert.Equal("failed: 2 schedules failed", e.Processed);
        Assert.StartsWith("hpcmaint: manual: oci.maintenance: event=e1: 2 schedules failed", world.Nodes["n1"].Reason, StringComparison.Ordinal);
        Assert.Contains(world.Plans.SelectMany(p => p.Decisions), d => d.Why.StartsWith("work request wr1 FAILED: scheduled again", StringComparison.Ordinal));
    }

    [Fact]
    public void After_success_and_a_new_boot_the_gate_decides_passed_resumes_and_failed_drains_for_a_person()
    {
        var world = World(null, new Ev("e1", "n1"), new Ev("e2", "n2"));
        world.FailingGates.Add("n2");
        world.Run(30, _ => null);

        Assert.Equal("succeeded: gate passed, back in service", world.Events[0].Processed);
        Assert.False(world.Nodes["n1"].State.IsDrainSet);
        Assert.Equal("failed: gate failed", world.Events[1].Processed);
        Assert.True(world.Nodes["n2"].State.IsDrainSet);
        Assert.Equal("hpcmaint: manual: oci.maintenance: event=e2: gate failed: exit 1: gpu missing", world.Nodes["n2"].Reason);
    }

    [Fact]
    public void With_on_failure_set_every_node_left_for_a_person_has_it_run_once_after_its_drain_and_before_the_processed_mark()
    {
        var world = World(Policy with { MaxReschedules = 0, DailyCap = 10, OnFailure = ["/usr/local/sbin/notify-ops", "--page"] },
            new Ev("e1", "n1"), new Ev("e2", "n2"), new Ev("e3", "n3") { Outcomes = new(["FAILED"]) });
        world.FailingGates.Add("n2");
        world.Run(30, _ => null);

        Assert.Equal([("e2", "n2"), ("e3", "n3")], world.OnFailureRuns.Order());
        var steps = world.Plans.SelectMany(p => p.Decisions).Where(d => d.Event.Id == "e3" && d.Verdict == EventVerdict.Finish).Single().Actions;
        Assert.Equal([typeof(MaintenanceAction.DrainFailed), typeof(MaintenanceAction.RunOnFailure), typeof(MaintenanceAction.MarkProcessed)], steps.Select(a => a.GetType()));
        Assert.Equal("1 schedules failed", Assert.IsType<MaintenanceAction.RunOnFailure>(steps[1]).Why);
        Assert.Equal("exit 0", world.Records["e2"].OnFailureRan);
        Assert.True(world.Nodes["n2"].State.IsDrainSet);
    }

    [Theory]
    [InlineData(null, "drain_failed, on_failure, mark_processed")]
    [InlineData("exit 3: no route to the ticket system", "drain_failed, mark_processed")]
    public void A_pass_killed_after_on_failure_s_end_was_kept_does_not_run_it_again(string? ran, string steps)
    {
        var e = new MaintenanceEvent("e1", "i1", MaintenanceEvent.Succeeded) { Node = "n1", ScheduleAttempt = 1, TimeStarted = T0, FaultCodes = ["HPCGPU-0001-01"] };
        var node = Node("n1", reason: MaintenanceReasons.For("e1"), flags: NodeFlags.Drain) with { BootTime = T0.AddMinutes(3) };
        var record = new MaintenanceRecord("e1", "n1", T0) { Attempts = 1, GatePassed = false, GateDetail = "exit 1: gpu missing", OnFailureRan = ran };

        var plan = MaintenanceDecider.Decide(new MaintenanceInput([e], [node], new Dictionary<string, MaintenanceRecord> { ["e1"] = record }, Policy with { OnFailure = ["/usr/local/sbin/notify-ops"] }, T0.AddMinutes(5)));

        Assert.Equal(steps, string.Join(", ", plan.Decisions[0].Actions.Select(a => a switch
        {
            MaintenanceAction.DrainFailed => "drain_failed",
            MaintenanceAction.RunOnFailure r => $"on_failure{(r.Why == "gate failed: exit 1: gpu missing" ? "" : " " + r.Why)}",
            MaintenanceAction.MarkProcessed => "mark_processed",
            _ => a.GetType().Name,
        })));
    }

    [Fact]
    public void A_succeeded_event_waits_for_its_node_to_boot_after_the_maintenance_began()
    {
        var e = new MaintenanceEvent("e1", "i1", MaintenanceEvent.Succeeded) { Node = "n1", ScheduleAttempt = 1, TimeStarted = T0, FaultCodes = ["HPCGPU-0001-01"] };
        var node = Node("n1", reason: MaintenanceReasons.For("e1"), flags: NodeFlags.Drain);

        var plan = MaintenanceDecider.Decide(new MaintenanceInput([e], [node], new Dictionary<string, MaintenanceRecord>(), Policy, T0.AddMinutes(5)));

        Assert.Equal(EventVerdict.Wait, plan.Decisions[0].Verdict);
        Assert.Contains("waits for n1 to boot after the maintenance began at 2026-12-07 06:00:00Z", plan.Decisions[0].Why, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true, false, "mark_processed")]
    [InlineData(true, true, "resume, mark_processed")]
    [InlineData(false, true, "drain_failed, mark_processed")]
    public void A_pass_killed_after_the_gate_s_verdict_was_kept_carries_on_from_it_and_never_marks_the_event_as_what_did_not_happen(bool passed, bool stillDrained, string steps)
    {
        var e = new MaintenanceEvent("e1", "i1", MaintenanceEvent.Succeeded) { Node = "n1", ScheduleAttempt = 1, TimeStarted = T0, FaultCodes = ["HPCGPU-0001-01"] };
        var reason = stillDrained ? MaintenanceReasons.For("e1") : null;
        var node = Node("n1", reason: reason, flags: stillDrained ? NodeFlags.Drain : NodeFlags.None) with { BootTime = T0.AddMinutes(3) };
        var record = new MaintenanceRecord("e1", "n1", T0) { Attempts = 1, GatePassed = passed, GateDetail = passed ? "exit 0" : "exit 1: gpu missing" };

        var plan = MaintenanceDecider.Decide(new MaintenanceInput([e], [node], new Dictionary<string, MaintenanceRecord> { ["e1"] = record }, Policy, T0.AddMinutes(5)));

        var decision = plan.Decisions[0];
        Assert.Equal(EventVerdict.Finish, decision.Verdict);
        Assert.Equal(steps, string.Join(", ", decision.Actions.Select(a => a switch
        {
            MaintenanceAction.Resume => "resume",
            MaintenanceAction.DrainFailed => "drain_failed",
            MaintenanceAction.MarkProcessed => "mark_processed",
            _ => a.GetType().Name,
        })));
        Assert.Equal(passed ? MaintenanceGate.PassedOutcome : MaintenanceGate.FailedOutcome, decision.Actions.OfType<MaintenanceAction.MarkProcessed>().Single().Outcome);
    }

    [Fact]
    public void A_processed_event_is_left_alone()
    {
        var e = new MaintenanceEvent("e1", "i1", MaintenanceEvent.Scheduled) { Node = "n1", Processed = "true", FaultCodes = ["HPCGPU-0001-01"], CanReschedule = true };

        var plan = MaintenanceDecider.Decide(new MaintenanceInput([e], [Node("n1")], new Dictionary<string, MaintenanceRecord>(), Policy, T0));

        Assert.Equal(EventVerdict.Done, plan.Decisions[0].Verdict);
        Assert.Empty(plan.Actions);
    }
}
