using FsCheck;
using FsCheck.Fluent;
using HpcMaint.Core.Health;
using HpcMaint.Core.Remediation;
using HpcMaint.Core.Slurm;

namespace HpcMaint.Core.Tests.Remediation;

/// <summary>
/// Ownership by state and reason together, over generated state flags × reasons × releases: a reason
/// on a node in service is history on every release, and a reboot someone else asked for stays theirs.
/// </summary>
public sealed class OwnershipProperties
{
    private static readonly FsCheck.Config Runs = FsCheck.Config.QuickThrowOnFailure.WithMaxTest(3000);

    private static readonly NodeFlags[] Flags =
    [
        NodeFlags.Drain, NodeFlags.RebootRequested, NodeFlags.RebootIssued, NodeFlags.NotResponding, NodeFlags.PoweringUp,
        NodeFlags.Maintenance, NodeFlags.Reserved, NodeFlags.Completing, NodeFlags.Fail,
    ];

    private static readonly string?[] Reasons =
    [
        null, "hpcmaint: fs.mount: x vs y", "hpcmaint: gpu.ecc: 3 vs 0 : reboot issued", "hpcmaint: x : reboot issued : reboot timed out",
        "hpcmaint: rebuild image=v4", "reboot requested : reboot issued", "NHC: check_fs_mount", "Not responding", "to-down : reboot issued : reboot complete",
    ];

    [Fact]
    public void A_node_neither_drained_nor_down_is_nobodys_whatever_its_reason_says()
    {
        var property = Prop.ForAll(Nodes().ToArbitrary(), x =>
            NodeOwnership.IsHeld(x.Node.State) || NodeOwnership.Of(x.Node, x.Ticket) == NodeOwner.None);

        Check.One(Runs, property);
    }

    [Fact]
    public void Hpcmaint_owns_a_node_only_by_its_drain_or_its_own_timed_out_reboot_and_never_during_a_reboot_someone_else_asked_for()
    {
        var property = Prop.ForAll(Nodes().ToArbitrary(), x =>
        {
            var state = x.Node.State;
            var ours = NodeOwnership.Of(x.Node, x.Ticket) == NodeOwner.Hpcmaint;
            var allowed = NodeReason.IsOwnedByHpcmaint(x.Node.Reason)
                && (state.IsDrainSet || (state.IsDown && x.Node.Reason!.EndsWith("reboot timed out", StringComparison.Ordinal)))
                && !(state.IsRebootPending && x.Node.NextStateAfterReboot is not null);
            return !ours || allowed;
        });

        Check.One(Runs, property);
    }

    [Fact]
    public void A_resume_is_planned_only_for_a_node_hpcmaint_owns_and_nothing_is_done_to_one_someone_else_holds()
    {
        var property = Prop.ForAll(Decisions().ToArbitrary(), scenario =>
        {
            var plan = scenario.DecideWithPeers();
            var owner = NodeOwnership.Of(scenario.Node, scenario.Record.Ticket);
            var theirs = owner == NodeOwner.Other || NodeOwnership.RebootAskedByOthers(scenario.Node, scenario.Record.Ticket);
            var resumes = plan.Actions.OfType<ResumeNode>().Any();
            var acts = plan.Actions.Any(a => a is ResumeNode or DrainNode or RebootNode or RunRemedy);
            return (!resumes || owner == NodeOwner.Hpcmaint) && (!theirs || !acts);
        });

        Check.One(Runs, property);
    }

    [Fact]
    public void On_every_release_a_failing_check_drains_a_node_in_service_whatever_it_went_through_before()
    {
        var events = new[] { NodeEvent.Nothing, NodeEvent.AdminResumedHpcmaintsDrain, NodeEvent.AdminRebooted, NodeEvent.HpcmaintRebootedAndResumed };
        var property = Prop.ForAll(Gen.Elements(ReleaseHistory.Releases).SelectMany(r => Gen.Elements(events).Select(e => (r, e))).ToArbitrary(), x =>
        {
            var (state, reason, next) = ReleaseHistory.Report(x.r, x.e);
            var plan = new Scenario { State = state, Reason = reason, NextState = next, Results = [Scenario.Failing("gpu.ecc", critical: true)] }.DecideWithPeers();
            return plan.Actions.OfType<DrainNode>().Any() && plan.Actions.OfType<RebootNode>().Any();
        });

        Check.One(Runs, property);
    }

    [Fact]
    public void On_every_release_an_admins_reboot_and_its_down_are_never_resumed_drained_or_rebooted()
    {
        var events = new[] { NodeEvent.AdminRebootingToDown, NodeEvent.AdminRebootedToDown, NodeEvent.AdminRebootingAsapOnHpcmaintsDrain, NodeEvent.AdminDrained };
        var scenarios =
            from release in Gen.Elements(ReleaseHistory.Releases)
            from happened in Gen.Elements(events)
            from fails in Gen.Elements(true, false)
            from step in Gen.Elements<LadderStep?>(null, LadderStep.Manual, LadderStep.Remedy)
            let report = ReleaseHistory.Report(release, happened)
            select new Scenario
            {
                State = report.State,
                Reason = report.Reason,
                NextState = report.NextState,
                Results = [fails ? Scenario.Failing("gpu.ecc", critical: true) : Scenario.Passing("gpu.ecc")],
                Record = step is { } s ? NodeRecord.Empty with { Ticket = Ticket(s) } : NodeRecord.Empty,
            };
        var property = Prop.ForAll(scenarios.ToArbitrary(), scenario =>
            !scenario.DecideWithPeers().Actions.Any(a => a is ResumeNode or DrainNode or RebootNode or RunRemedy));

        Check.One(Runs, property);
    }

    [Theory]
    [InlineData("22.05")]
    [InlineData("24.11")]
    [InlineData("26.05")]
    public void Hpcmaints_own_timed_out_reboot_is_resumed_once_the_node_is_back_and_passes(string release)
    {
        var (state, reason, next) = ReleaseHistory.Report(release, NodeEvent.HpcmaintsRebootTimedOut);
        var scenario = new Scenario
        {
            State = state,
            Reason = reason,
            NextState = next,
            BootTime = Scenario.T0.AddMinutes(-1),
            Record = NodeRecord.Empty with { Ticket = Ticket(LadderStep.Reboot) },
        };

        Assert.Equal(NodeOwner.Hpcmaint, NodeOwnership.Of(scenario.Node, scenario.Record.Ticket));
        Assert.Contains(scenario.DecideWithPeers().Actions, a => a is ResumeNode);
    }

    private static Ticket Ticket(LadderStep step) =>
        new("gpu.ecc", "gpu.ecc", step, Scenario.T0.AddMinutes(-60), Scenario.T0.AddMinutes(-10), []) { Remedy = step == LadderStep.Remedy ? "fix" : null };

    private static Gen<(Node Node, Ticket? Ticket)> Nodes() =>
        from scenario in Decisions()
        select (scenario.Node, scenario.Record.Ticket);

    private static Gen<Scenario> Decisions() =>
        from reason in Gen.Elements(Reasons)
        from baseState in Gen.Elements(NodeBaseState.Idle, NodeBaseState.Allocated, NodeBaseState.Mixed, NodeBaseState.Down)
        from flags in Gen.SubListOf(Flags).Select(l => l.Aggregate(NodeFlags.None, (a, f) => a | f))
        from next in Gen.Elements<string?>(null, null, "DOWN", "UNKNOWN+RESUME")
        from step in Gen.Elements<LadderStep?>(null, LadderStep.Remedy, LadderStep.Reboot, LadderStep.Rebuild, LadderStep.Manual)
        from fails in Gen.Elements(true, false)
        from bootMinutes in Gen.Choose(-120, 30)
        select new Scenario
        {
            State = new NodeState(baseState, flags),
            Reason = reason,
            NextState = (flags & (NodeFlags.RebootRequested | NodeFlags.RebootIssued)) != 0 ? next : null,
            Results = [fails ? Scenario.Failing("fs.mount", critical: true) : Scenario.Passing("fs.mount")],
            Record = step is { } s ? NodeRecord.Empty with { Ticket = Ticket(s) } : NodeRecord.Empty,
            BootTime = Scenario.T0.AddMinutes(bootMinutes),
            Settings = new Scenario().Settings with { Remedies = [ForeignDrainProperties.Fix(RemedyWhen.Now)] },
        };
}
