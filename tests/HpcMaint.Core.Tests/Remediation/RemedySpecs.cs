using HpcMaint.Core.Config;
using HpcMaint.Core.Health;
using HpcMaint.Core.Remediation;
using HpcMaint.Core.Slurm;
using HpcMaint.Toml;

namespace HpcMaint.Core.Tests.Remediation;

/// <summary>The remedy step: a site command that clears a fault without a reboot, at most once per ticket.</summary>
public sealed class RemedySpecs
{
    private const string Reason = "hpcmaint: fs.mount: /scratch not mounted vs mounted";

    private static readonly RemedyDefinition Remount =
        new("remount", "fs.mount", null, ["/usr/bin/mount", "/scratch"], TimeSpan.FromSeconds(5), RemedyWhen.Now, 1);

    [Fact]
    public void A_fault_with_a_matching_remedy_is_drained_and_remedied_without_a_reboot()
    {
        var plan = Failing(Remount).StruckOut("fs.mount").DecideWithPeers();

        Assert.Equal(["drain", "record", "remedy"], plan.Actions.Select(a => a.Name));
        Assert.Same(Remount, Assert.Single(plan.Actions.OfType<RunRemedy>()).Remedy);
        var ticket = Assert.Single(plan.Actions.OfType<WriteRecord>()).Record.Ticket!;
        Assert.Equal((LadderStep.Remedy, "remount", Scenario.T0), (ticket.Step, ticket.Remedy, ticket.RemedyRan));
        Assert.Equal(["drain", "remedy remount"], ticket.History.Select(e => e.What));
    }

    [Fact]
    public void A_fault_no_remedy_matches_skips_the_remedy_step()
    {
        var other = Remount with { Match = "gpu.nvidia" };

        var plan = Failing(other).StruckOut("fs.mount").DecideWithPeers();

        Assert.Equal(["drain", "record", "request-reboot"], plan.Actions.Select(a => a.Name));
    }

    [Fact]
    public void A_check_whose_ladder_leaves_out_the_remedy_step_gets_no_remedy()
    {
        var scenario = new Scenario
        {
            Results = [Scenario.Failing("fs.mount", ladder: [LadderStep.Reboot, LadderStep.Manual])],
            Settings = new Scenario().Settings with { Remedies = [Remount] },
        };

        var plan = scenario.StruckOut("fs.mount").DecideWithPeers();

        Assert.DoesNotContain(plan.Actions, a => a is RunRemedy);
        Assert.Single(plan.Actions.OfType<RebootNode>());
    }

    [Fact]
    public void A_remedy_that_cleared_the_fault_resumes_the_node_and_closes_the_ticket_without_a_reboot()
    {
        var plan = AfterRemedy(failing: false).Decide();

        Assert.Equal(["record", "resume"], plan.Actions.Select(a => a.Name));
        var record = Assert.Single(plan.Actions.OfType<WriteRecord>()).Record;
        Assert.Null(record.Ticket);
        Assert.Single(record.PastTickets);
    }

    [Fact]
    public void A_remedy_that_did_not_help_climbs_to_the_reboot_and_never_runs_again()
    {
        var plan = AfterRemedy(failing: true).Decide();

        Assert.Equal(["drain", "record", "request-reboot"], plan.Actions.Select(a => a.Name));
        var ticket = Assert.Single(plan.Actions.OfType<WriteRecord>()).Record.Ticket!;
        Assert.Equal(LadderStep.Reboot, ticket.Step);
        Assert.Equal(["drain", "remedy remount", "reboot"], ticket.History.Select(e => e.What));
    }

    [Fact]
    public void An_idle_only_remedy_waits_for_the_drain_to_empty_the_node_then_runs_once()
    {
        var idleOnly = Remount with { When = RemedyWhen.Idle };

        var opening = Failing(idleOnly).StruckOut("fs.mount").DecideWithPeers();
        Assert.Equal(["drain", "record"], opening.Actions.Select(a => a.Name));
        var waiting = Assert.Single(opening.Actions.OfType<WriteRecord>()).Record;
        Assert.Null(waiting.Ticket!.RemedyRan);

        var draining = Failing(idleOnly) with { Record = waiting, Reason = Reason, State = new(NodeBaseState.Mixed, NodeFlags.Drain), Now = Scenario.T0.AddMinutes(1) };
        var busy = draining.Decide();
        Assert.Empty(busy.Actions);
        Assert.Contains("waits for the drain to empty the node", Assert.Single(busy.Notes));

        var idle = (draining with { State = Scenario.Drained, Now = Scenario.T0.AddMinutes(2) }).Decide();
        Assert.Equal(["record", "remedy"], idle.Actions.Select(a => a.Name));
        Assert.Equal(Scenario.T0.AddMinutes(2), Assert.Single(idle.Actions.OfType<WriteRecord>()).Record.Ticket!.RemedyRan);
    }

    [Fact]
    public void A_remedy_can_match_one_xid_only()
    {
        var reset = Remount with { Match = "gpu.xid", Xid = 79 };
        var check = Scenario.Definition("gpu.xid");
        Finding Xid(int n) => new("gpu.xid", $"Xid {n} (some fault) on 0000:3b:00.0", "no GPU-fault Xid", Critical: true);

        Assert.True(reset.Matches(check, Xid(79)));
        Assert.False(reset.Matches(check, Xid(48)));
        Assert.False(reset.Matches(check, new Finding("gpu.xid", "Xid 790 on x", "none")));
    }

    [Fact]
    public void A_remedy_ticket_is_kept_compactly_and_a_record_written_before_remedies_still_reads()
    {
        var ticket = new Ticket("fs.mount", "scratch", LadderStep.Remedy, Scenario.T0, Scenario.T0, [new TicketEvent(Scenario.T0, "drain")])
        {
            Remedy = "remount",
            RemedyRan = Scenario.T0.AddSeconds(1),
        };
        var text = NodeRecordCodec.Encode(NodeRecord.Empty with { Ticket = ticket });

        Assert.Contains("\"s\":\"remedy\"", text, StringComparison.Ordinal);
        Assert.Contains("\"r\":\"remount\",\"rr\":", text, StringComparison.Ordinal);
        Assert.True(NodeRecordCodec.TryDecode(text, out var back, out _));
        Assert.Equal(ticket, back.Ticket);

        Assert.True(NodeRecordCodec.TryDecode("hpcmaint:{\"t\":{\"c\":\"fs.mount\",\"k\":\"scratch\",\"s\":\"reboot\",\"o\":1763700000,\"a\":1763700030,\"h\":[[1763700000,\"drain\"]]}}", out var old, out var problem), problem);
        Assert.Equal((LadderStep.Reboot, null, null), (old.Ticket!.Step, old.Ticket.Remedy, old.Ticket.RemedyRan));
    }

    [Fact]
    public void The_config_reads_remedies_and_a_ladder_with_the_remedy_step()
    {
        var result = HpcMaintConfigReader.Read(TomlParser.Parse("""
            [health]
            ladder = ["remedy", "reboot", "manual"]
            [[health.remedy]]
            match = "gpu.nvidia.fabric"
            argv = ["/usr/bin/systemctl", "restart", "nvidia-fabricmanager"]
            timeout = "15s"
            [[health.remedy]]
            id = "reset-gpu"
            match = "gpu.xid"
            xid = 79
            argv = ["/usr/bin/nvidia-smi", "-r"]
            when = "idle"
            """, "t.toml"), "t.toml");

        Assert.True(result.IsValid, string.Join('\n', result.Errors));
        var health = result.Config!.Health;
        Assert.Equal([LadderStep.Remedy, LadderStep.Reboot, LadderStep.Manual], health.Ladder);
        Assert.Equal(
            [("gpu.nvidia.fabric", (int?)null, RemedyWhen.Now, TimeSpan.FromSeconds(15)), ("reset-gpu", 79, RemedyWhen.Idle, health.CheckTimeout)],
            health.Remedies.Select(r => (r.Id, r.Xid, r.When, r.Timeout)));
    }

    [Theory]
    [InlineData("[[health.remedy]]\nargv = [\"/bin/true\"]", "health.remedy[1].match")]
    [InlineData("[[health.remedy]]\nmatch = \"fs.mount\"", "health.remedy[1].argv")]
    [InlineData("[[health.remedy]]\nmatch = \"fs.mount\"\nargv = [\"true\"]", "health.remedy[1].argv")]
    [InlineData("[[health.remedy]]\nmatch = \"fs.mount\"\nargv = [\"/bin/true\"]\nwhen = \"later\"", "health.remedy[1].when")]
    [InlineData("[[health.remedy]]\nmatch = \"fs.mount\"\nargv = [\"/bin/true\"]\ntimeout = \"5m\"", "health.remedy[1].timeout")]
    [InlineData("[health]\nladder = [\"reboot\", \"remedy\"]", "health.ladder")]
    public void A_wrong_remedy_line_names_its_key(string toml, string key)
    {
        var result = HpcMaintConfigReader.Read(TomlParser.Parse(toml, "t.toml"), "t.toml");

        Assert.False(result.IsValid);
        Assert.Contains(result.Errors, e => e.Key == key);
    }

    private static Scenario Failing(RemedyDefinition remedy) => new()
    {
        Results = [Scenario.Failing("fs.mount")],
        Settings = new Scenario().Settings with { Remedies = [remedy] },
    };

    private static Scenario AfterRemedy(bool failing)
    {
        var ticket = new Ticket("fs.mount", "fs.mount", LadderStep.Remedy, Scenario.T0, Scenario.T0,
            [new TicketEvent(Scenario.T0, "drain"), new TicketEvent(Scenario.T0, "remedy remount")])
        {
            Remedy = "remount",
            RemedyRan = Scenario.T0,
        };
        return Failing(Remount) with
        {
            State = Scenario.Drained,
            Reason = Reason,
            Record = NodeRecord.Empty with { Ticket = ticket },
            Now = Scenario.T0.AddMinutes(2),
            Results = failing ? [Scenario.Failing("fs.mount")] : [Scenario.Passing("fs.mount")],
        };
    }
}
