using HpcMaint.Core.Health;
using HpcMaint.Core.Remediation;
using HpcMaint.Core.Slurm;

namespace HpcMaint.Core.Tests.Remediation;

public sealed class HealthDeciderSpecs
{
    [Fact]
    public void A_first_failure_counts_a_strike_and_does_nothing_else()
    {
        var plan = new Scenario { Results = [Scenario.Failing("fs.mount")] }.DecideWithPeers();

        Assert.Equal(1, plan.Strikes.Of("fs.mount", "fs.mount"));
        Assert.DoesNotContain(plan.Actions, a => a is DrainNode or RebootNode);
    }

    [Fact]
    public void The_third_strike_drains_with_an_owned_reason_opens_a_ticket_and_requests_a_plain_reboot()
    {
        var plan = new Scenario { Results = [Scenario.Failing("fs.mount")] }.StruckOut("fs.mount").DecideWithPeers();

        var drain = Assert.Single(plan.Actions.OfType<DrainNode>());
        Assert.Equal("hpcmaint: fs.mount: /scratch not mounted vs mounted", drain.Reason);
        var record = Assert.Single(plan.Actions.OfType<WriteRecord>()).Record;
        Assert.Equal(LadderStep.Reboot, record.Ticket!.Step);
        Assert.Equal("fs.mount", record.Ticket.Condition);
        Assert.Equal(LadderStep.Reboot, Assert.Single(plan.Actions.OfType<RebootNode>()).Step);
        Assert.Equal(["drain", "record", "request-reboot"], plan.Actions.Select(a => a.Name));
    }

    [Fact]
    public void A_critical_finding_acts_at_the_first_failure()
    {
        var plan = new Scenario { Results = [Scenario.Failing("gpu.nvidia", critical: true)] }.DecideWithPeers();

        Assert.Single(plan.Actions.OfType<DrainNode>());
    }

    [Fact]
    public void A_hardware_finding_skips_to_the_manual_step_and_notifies()
    {
        var plan = new Scenario { Results = [Scenario.Failing("gpu.nvidia", critical: true, remedy: LadderStep.Manual)] }.DecideWithPeers();

        Assert.StartsWith("hpcmaint: manual: ", Assert.Single(plan.Actions.OfType<DrainNode>()).Reason);
        Assert.Single(plan.Actions.OfType<NotifyManual>());
        Assert.Empty(plan.Actions.OfType<RebootNode>());
    }

    [Fact]
    public void A_can_ignore_check_never_drains()
    {
        var plan = new Scenario { Results = [Scenario.Failing("net.reach", priority: 500, strikes: 1)] }.DecideWithPeers();

        Assert.Empty(plan.Actions.OfType<DrainNode>());
    }

    [Fact]
    public void Without_slurmctld_failures_are_counted_and_nothing_is_done()
    {
        var plan = new Scenario { ControllerAnswers = false, Results = [Scenario.Failing("fs.mount", critical: true)] }.Decide();

        Assert.Empty(plan.Actions);
        Assert.Equal(1, plan.Strikes.Of("fs.mount", "fs.mount"));
        Assert.Contains("slurmctld did not answer", Assert.Single(plan.Notes));
    }

    [Fact]
    public void A_node_slurmctld_does_not_know_yet_gets_nothing_done_and_the_note_says_what_slurmctld_said()
    {
        var plan = new Scenario { ControllerAnswers = false, SlurmRefusal = "Node n9 not found", Results = [Scenario.Failing("fs.mount", critical: true)] }.Decide();

        Assert.Empty(plan.Actions);
        Assert.Equal("slurmctld gave no state for n1 (Node n9 not found): failures recorded locally, nothing done until it answers", Assert.Single(plan.Notes));
    }

    [Fact]
    public void A_held_node_is_never_acted_on()
    {
        var held = NodeRecord.Empty with { Hold = new Hold("firmware work", "alice", Scenario.T0) };
        var plan = new Scenario { Record = held, Results = [Scenario.Failing("fs.mount", critical: true)] }.DecideWithPeers();

        Assert.Empty(plan.Actions);
        Assert.Contains("held by alice", Assert.Single(plan.Notes));
    }

    [Fact]
    public void A_record_field_with_foreign_text_stops_hpcmaint_acting()
    {
        var plan = new Scenario { RecordProblem = "it holds text hpcmaint did not write", Results = [Scenario.Failing("fs.mount", critical: true)] }.DecideWithPeers();

        Assert.Empty(plan.Actions);
    }

    [Fact]
    public void An_owned_drain_without_a_ticket_is_resumed_when_every_check_passes()
    {
        var plan = new Scenario { State = Scenario.Drained, Reason = "hpcmaint: fs.mount: x vs y" }.Decide();

        Assert.Single(plan.Actions.OfType<ResumeNode>());
    }

    [Theory]
    [InlineData("NHC: check_fs_mount: /scratch not mounted")]
    [InlineData("Reboot ASAP")]
    [InlineData("disk swap, ticket 1234")]
    public void A_foreign_drain_is_never_resumed_nor_rewritten(string reason)
    {
        var passing = new Scenario { State = Scenario.Drained, Reason = reason }.DecideWithPeers();
        var failing = new Scenario { State = Scenario.Drained, Reason = reason, Results = [Scenario.Failing("fs.mount", critical: true)] }.DecideWithPeers();

        Assert.DoesNotContain(passing.Actions, a => a is ResumeNode or DrainNode or RebootNode);
        Assert.DoesNotContain(failing.Actions, a => a is ResumeNode or DrainNode or RebootNode);
    }

    [Fact]
    public void Before_the_requested_reboot_happens_the_ticket_waits()
    {
        var ticket = new Ticket("fs.mount", "fs.mount", LadderStep.Reboot, Scenario.T0, Scenario.T0, []);
        var plan = new Scenario
        {
            State = Scenario.Drained, Reason = "hpcmaint: fs.mount: x vs y", Record = NodeRecord.Empty with { Ticket = ticket },
            Now = Scenario.T0.AddMinutes(1), Results = [Scenario.Failing("fs.mount")],
        }.DecideWithPeers();

        Assert.DoesNotContain(plan.Actions, a => a is DrainNode or RebootNode or ResumeNode);
        Assert.Contains("waiting for the reboot", Assert.Single(plan.Notes));
    }

    [Fact]
    public void Still_failing_after_the_reboot_climbs_to_a_rebuild()
    {
        var plan = AfterStep(LadderStep.Reboot, failing: true);

        Assert.Equal(LadderStep.Rebuild, Assert.Single(plan.Actions.OfType<RebootNode>()).Step);
        var ticket = Assert.Single(plan.Actions.OfType<WriteRecord>()).Record.Ticket!;
        Assert.Equal(LadderStep.Rebuild, ticket.Step);
        Assert.Equal("rebuild", ticket.History[^1].What);
    }

    [Fact]
    public void Still_failing_after_the_rebuild_goes_to_manual_with_a_notification()
    {
        var plan = AfterStep(LadderStep.Rebuild, failing: true);

        Assert.StartsWith("hpcmaint: manual: fs.mount", Assert.Single(plan.Actions.OfType<DrainNode>()).Reason);
        var note = Assert.Single(plan.Actions.OfType<NotifyManual>()).Notification;
        Assert.Equal("n1", note.Node);
        Assert.Equal("output", Assert.Single(note.FailingChecks).Output);
        Assert.Empty(plan.Actions.OfType<RebootNode>());
    }

    [Fact]
    public void Passing_after_the_reboot_resumes_and_closes_the_ticket()
    {
        var plan = AfterStep(LadderStep.Reboot, failing: false);

        Assert.Single(plan.Actions.OfType<ResumeNode>());
        var record = Assert.Single(plan.Actions.OfType<WriteRecord>()).Record;
        Assert.Null(record.Ticket);
        Assert.Equal([Scenario.T0], record.PastTickets);
        Assert.Equal(["record", "resume"], plan.Actions.Select(a => a.Name));
    }

    [Fact]
    public void The_manual_step_waits_for_a_person_even_when_checks_pass()
    {
        var ticket = new Ticket("fs.mount", "fs.mount", LadderStep.Manual, Scenario.T0, Scenario.T0, []);
        var plan = new Scenario
        {
            State = Scenario.Drained, Reason = "hpcmaint: manual: fs.mount: x vs y", Record = NodeRecord.Empty with { Ticket = ticket },
            Now = Scenario.T0.AddHours(1), BootTime = Scenario.T0.AddMinutes(5),
        }.DecideWithPeers();

        Assert.DoesNotContain(plan.Actions, a => a is ResumeNode or DrainNode or RebootNode);
    }

    [Fact]
    public void A_lemon_node_goes_straight_to_manual()
    {
        var past = NodeRecord.Empty with { PastTickets = [Scenario.T0.AddDays(-2), Scenario.T0.AddDays(-1)] };
        var plan = new Scenario { Record = past, Results = [Scenario.Failing("fs.mount", critical: true)] }.DecideWithPeers();

        Assert.Equal(LadderStep.Manual, Assert.Single(plan.Actions.OfType<WriteRecord>()).Record.Ticket!.Step);
        Assert.Single(plan.Actions.OfType<NotifyManual>());
    }

    [Fact]
    public void The_breaker_stops_a_drain_that_would_exceed_the_budget_and_marks_the_node()
    {
        var scenario = new Scenario
        {
            Settings = new HealthSettings { Breaker = new BreakerSettings { MaxNodes = NodeBudget.Nodes(1) } },
            Results = [Scenario.Failing("fs.mount", critical: true)],
            Peers = [Scenario.Peer("n2", "hpcmaint: gpu.nvidia.ecc: 2 vs 0", Scenario.T0.AddMinutes(-10))],
        };

        var plan = scenario.DecideWithPeers();

        Assert.True(plan.BreakerOpen);
        Assert.Empty(plan.Actions.OfType<DrainNode>());
        Assert.Equal(Scenario.T0, Assert.Single(plan.Actions.OfType<WriteRecord>()).Record.BreakerOpened);
        Assert.StartsWith("not draining n1: breaker open in partition batch: draining would make 2 nodes drained by hpcmaint within 1h, more than the breaker's limit of 1 of 2; reset with", Assert.Single(plan.Notes), StringComparison.Ordinal);
    }

    [Fact]
    public void An_acknowledged_drain_no_longer_counts_against_the_budget()
    {
        var scenario = new Scenario
        {
            Settings = new HealthSettings { Breaker = new BreakerSettings { MaxNodes = NodeBudget.Nodes(1) } },
            Results = [Scenario.Failing("fs.mount", critical: true)],
            Peers = [Scenario.Peer("n2", "hpcmaint: gpu.nvidia.ecc: 2 vs 0", Scenario.T0.AddMinutes(-10), NodeRecord.Empty with { Acknowledged = true })],
        };

        Assert.Single(scenario.DecideWithPeers().Actions.OfType<DrainNode>());
    }

    [Fact]
    public void A_breaker_mark_on_any_peer_keeps_the_partition_closed()
    {
        var scenario = new Scenario
        {
            Results = [Scenario.Failing("fs.mount", critical: true)],
            Peers = [Scenario.Peer("n3", null, null, NodeRecord.Empty with { BreakerOpened = Scenario.T0.AddHours(-3) })],
        };

        Assert.Empty(scenario.DecideWithPeers().Actions.OfType<DrainNode>());
    }

    [Fact]
    public void Foreign_drains_and_old_drains_do_not_count_against_the_budget()
    {
        var scenario = new Scenario
        {
            Settings = new HealthSettings { Breaker = new BreakerSettings { MaxNodes = NodeBudget.Nodes(1), Window = TimeSpan.FromHours(1) } },
            Results = [Scenario.Failing("fs.mount", critical: true)],
            Peers =
            [
                Scenario.Peer("n2", "NHC: something", Scenario.T0.AddMinutes(-1)),
                Scenario.Peer("n3", "hpcmaint: old: x vs y", Scenario.T0.AddHours(-2)),
            ],
        };

        Assert.Single(scenario.DecideWithPeers().Actions.OfType<DrainNode>());
    }

    [Fact]
    public void A_new_drain_asks_for_the_partition_before_deciding()
    {
        var plan = new Scenario { Results = [Scenario.Failing("fs.mount", critical: true)] }.Decide();

        Assert.True(plan.NeedsPeers);
        Assert.Empty(plan.Actions);
    }

    [Fact]
    public void A_passing_run_on_a_node_without_a_record_writes_nothing_to_slurm()
    {
        var plan = new Scenario().Decide();

        Assert.Empty(plan.Actions);
    }

    [Fact]
    public void The_last_checks_are_recorded_when_they_change_and_only_then()
    {
        var failing = new Scenario { Results = [Scenario.Failing("fs.mount")] }.DecideWithPeers();
        var failingRecord = Assert.Single(failing.Actions.OfType<WriteRecord>()).Record;
        Assert.Equal(["fs.mount"], failingRecord.Last!.Failing);

        var passing = new Scenario { Record = failingRecord, Now = Scenario.T0.AddMinutes(5) }.Decide();
        var passingRecord = Assert.Single(passing.Actions.OfType<WriteRecord>()).Record;
        Assert.Empty(passingRecord.Last!.Failing);

        var again = new Scenario { Record = passingRecord, Now = Scenario.T0.AddMinutes(10) }.Decide();
        Assert.Empty(again.Actions);
    }

    private static HealthPlan AfterStep(LadderStep step, bool failing)
    {
        var ticket = new Ticket("fs.mount", "fs.mount", step, Scenario.T0, Scenario.T0, [new TicketEvent(Scenario.T0, "drain")]);
        return new Scenario
        {
            State = Scenario.Drained,
            Reason = "hpcmaint: fs.mount: /scratch not mounted vs mounted",
            Record = NodeRecord.Empty with { Ticket = ticket },
            BootTime = Scenario.T0.AddMinutes(3),
            Now = Scenario.T0.AddMinutes(4),
            Results = failing ? [Scenario.Failing("fs.mount")] : [Scenario.Passing("fs.mount")],
        }.DecideWithPeers();
    }
}
