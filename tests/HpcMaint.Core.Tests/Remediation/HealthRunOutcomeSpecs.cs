using HpcMaint.Core.Health;
using HpcMaint.Core.Remediation;
using HpcMaint.Core.Slurm;

namespace HpcMaint.Core.Tests.Remediation;

/// <summary>
/// What a health run decides around the decider (HealthRunOutcome): without slurmctld, without the
/// partition's nodes or without a journal nothing is done but the strikes move; the record after the run;
/// and when hpcmaint has nothing open on the node.
/// </summary>
public sealed class HealthRunOutcomeSpecs
{
    private static readonly Ticket OpenTicket =
        new("fs.mount", "fs.mount", LadderStep.Reboot, Scenario.T0.AddMinutes(-60), Scenario.T0.AddMinutes(-10), []);

    [Fact]
    public void Without_slurmctld_a_failing_check_only_adds_a_strike()
    {
        var results = new[] { Scenario.Failing("fs.mount") };

        var plan = HealthRunOutcome.WithoutSlurm(StrikeBook.Empty, results);

        Assert.Empty(plan.Actions);
        Assert.Empty(plan.Notes);
        Assert.Equal(1, plan.Strikes.Counts[StrikeBook.Key("fs.mount", "fs.mount")]);
    }

    [Fact]
    public void A_drain_that_needs_the_partition_is_not_made_when_slurmctld_does_not_list_it()
    {
        var needsPeers = new Scenario { Results = [Scenario.Failing("fs.mount", critical: true)] }.Decide();

        var plan = HealthRunOutcome.WithoutPeers(needsPeers);

        Assert.True(needsPeers.NeedsPeers);
        Assert.Empty(plan.Actions);
        Assert.Equal([HealthRunOutcome.PeersNotListed], plan.Notes);
        Assert.Same(needsPeers.Strikes, plan.Strikes);
    }

    [Fact]
    public void Without_a_journal_every_action_and_note_is_withheld_and_the_strikes_are_kept()
    {
        var drain = new Scenario { Results = [Scenario.Failing("fs.mount", critical: true)] }.DecideWithPeers();

        var plan = HealthRunOutcome.Unjournalled(drain);

        Assert.Contains(drain.Actions, a => a is DrainNode);
        Assert.Empty(plan.Actions);
        Assert.Empty(plan.Notes);
        Assert.Same(drain.Strikes, plan.Strikes);
    }

    [Theory]
    [InlineData(true, false, "written")]
    [InlineData(false, false, "before")]
    [InlineData(false, true, "written")]
    public void The_record_after_the_run_is_the_last_write_only_when_it_was_carried_out_or_on_a_dry_run(bool carried, bool dryRun, string expected)
    {
        var before = new Scenario { Record = NodeRecord.Empty with { Ticket = OpenTicket } };
        var view = new SlurmView(before.Node, before.Record);
        var written = NodeRecord.Empty with { PastTickets = [Scenario.T0] };
        var plan = new HealthPlan(StrikeBook.Empty, [new WriteRecord("n1", NodeRecord.Empty), new WriteRecord("n1", written)], []);

        var after = HealthRunOutcome.RecordAfter(plan, a => carried && a == plan.Actions[^1], view, dryRun);

        Assert.Same(expected == "written" ? written : before.Record, after);
    }

    [Fact]
    public void The_record_after_a_run_that_did_not_ask_slurmctld_and_wrote_nothing_is_unknown()
    {
        Assert.Null(HealthRunOutcome.RecordAfter(new HealthPlan(StrikeBook.Empty, [], []), _ => true, null, dryRun: false));
    }

    [Fact]
    public void Nothing_is_open_on_an_idle_node_with_an_empty_record_after_a_journalled_run_with_no_failure()
    {
        var node = new Scenario().Node;

        Assert.True(HealthRunOutcome.NothingOpen(new SlurmView(node, NodeRecord.Empty), NodeRecord.Empty, noActionFailed: true, journalled: true));
    }

    public static TheoryData<string> SomethingOpen => new() { "not asked", "ticket", "hold", "breaker", "drained by hpcmaint", "an action failed", "not journalled" };

    [Theory]
    [MemberData(nameof(SomethingOpen))]
    public void Anything_left_open_or_unknown_makes_the_next_run_ask_slurmctld_again(string what)
    {
        var scenario = what == "drained by hpcmaint" ? new Scenario { State = Scenario.Drained, Reason = "hpcmaint: fs.mount: x vs y" } : new Scenario();
        var view = what == "not asked" ? null : new SlurmView(scenario.Node, NodeRecord.Empty);
        var after = what switch
        {
            "ticket" => NodeRecord.Empty with { Ticket = OpenTicket },
            "hold" => NodeRecord.Empty with { Hold = new Hold("firmware work", "alice", Scenario.T0) },
            "breaker" => NodeRecord.Empty with { BreakerOpened = Scenario.T0 },
            _ => NodeRecord.Empty,
        };

        Assert.False(HealthRunOutcome.NothingOpen(view, after, noActionFailed: what != "an action failed", journalled: what != "not journalled"), what);
    }
}
