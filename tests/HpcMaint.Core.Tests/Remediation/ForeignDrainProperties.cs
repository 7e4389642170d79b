using FsCheck;
using FsCheck.Fluent;
using HpcMaint.Core.Health;
using HpcMaint.Core.Remediation;
using HpcMaint.Core.Slurm;

namespace HpcMaint.Core.Tests.Remediation;

/// <summary>Over generated node states, records and check results: hpcmaint keeps its hands off what it does not own.</summary>
public sealed class ForeignDrainProperties
{
    private static readonly FsCheck.Config Runs = FsCheck.Config.QuickThrowOnFailure.WithMaxTest(2000);

    private static readonly string?[] ForeignReasons =
    [
        "NHC: check_fs_mount: /scratch not mounted", "Healthcheck:: gpu", "Reboot ASAP", "disk swap, ticket 1234",
        "Not responding", "Kill task failed", "hpcmaintenance window", "HPCMAINT: upper case is not ours", " hpcmaint: leading space",
    ];

    [Fact]
    public void A_reason_hpcmaint_did_not_write_is_never_resumed_replaced_or_rebooted()
    {
        var property = Prop.ForAll(Scenarios(Gen.Elements(ForeignReasons)).ToArbitrary(), scenario =>
        {
            var plan = scenario.DecideWithPeers();
            return !plan.Actions.Any(a => a is ResumeNode or DrainNode or RebootNode or RunRemedy);
        });

        Check.One(Runs, property);
    }

    [Fact]
    public void A_held_node_gets_no_action_at_all()
    {
        var reasons = Gen.Elements<string?>(null, "hpcmaint: fs.mount: x vs y", "NHC: x");
        var held = Scenarios(reasons).Select(s => s with { Record = s.Record with { Hold = new Hold("bios", "root", Scenario.T0) } });
        var property = Prop.ForAll(held.ToArbitrary(), scenario => scenario.DecideWithPeers().Actions.Count == 0);

        Check.One(Runs, property);
    }

    [Fact]
    public void A_resume_is_only_ever_planned_for_a_reason_hpcmaint_wrote_and_when_no_blocking_check_fails()
    {
        var reasons = Gen.Elements<string?>([null, "hpcmaint: fs.mount: x vs y", "hpcmaint: manual: gpu: a vs b", .. ForeignReasons]);
        var property = Prop.ForAll(Scenarios(reasons).ToArbitrary(), scenario =>
        {
            var resumes = scenario.DecideWithPeers().Actions.OfType<ResumeNode>().Any();
            return !resumes || (NodeReason.IsOwnedByHpcmaint(scenario.Reason) && scenario.Results.All(r => r.Passed || !r.Definition.Priority.Blocks));
        });

        Check.One(Runs, property);
    }

    [Fact]
    public void Without_slurmctld_nothing_is_ever_done()
    {
        var reasons = Gen.Elements<string?>(null, "hpcmaint: fs.mount: x vs y");
        var property = Prop.ForAll(Scenarios(reasons).Select(s => s with { ControllerAnswers = false }).ToArbitrary(),
            scenario => scenario.Decide().Actions.Count == 0);

        Check.One(Runs, property);
    }

    private static Gen<Scenario> Scenarios(Gen<string?> reasons) =>
        from reason in reasons
        from baseState in Gen.Elements(NodeBaseState.Idle, NodeBaseState.Allocated, NodeBaseState.Mixed, NodeBaseState.Down)
        from flags in Gen.Elements(NodeFlags.None, NodeFlags.Drain, NodeFlags.Drain | NodeFlags.RebootRequested, NodeFlags.NotResponding)
        from results in Gen.ListOf(Result(), 3).Select(l => l.DistinctBy(r => r.Name).ToArray())
        from strikes in Gen.Choose(0, 4)
        from ticketStep in Gen.Elements<LadderStep?>(null, LadderStep.Remedy, LadderStep.Reboot, LadderStep.Rebuild, LadderStep.Manual)
        from remedyRan in Gen.Elements(true, false)
        from when in Gen.Elements(RemedyWhen.Now, RemedyWhen.Idle)
        from bootMinutes in Gen.Choose(-120, 30)
        from past in Gen.Choose(0, 5)
        select new Scenario
        {
            Reason = reason,
            State = new NodeState(baseState, reason is null ? flags & ~NodeFlags.Drain : flags | NodeFlags.Drain),
            Results = results.Length == 0 ? [Scenario.Passing("fs.mount")] : results,
            Strikes = new StrikeBook(results.ToDictionary(r => StrikeBook.Key(r.Name, r.Name), _ => strikes, StringComparer.Ordinal)),
            Record = NodeRecord.Empty with
            {
                Ticket = ticketStep is { } step
                    ? new Ticket("fs.mount", "fs.mount", step, Scenario.T0.AddMinutes(-60), Scenario.T0.AddMinutes(-10), [])
                    {
                        Remedy = step == LadderStep.Remedy ? "fix" : null,
                        RemedyRan = step == LadderStep.Remedy && remedyRan ? Scenario.T0.AddMinutes(-10) : null,
                    }
                    : null,
                PastTickets = Enumerable.Range(1, past).Select(d => Scenario.T0.AddDays(-d)).ToArray(),
            },
            BootTime = Scenario.T0.AddMinutes(bootMinutes),
            Settings = new Scenario().Settings with { Remedies = [Fix(when)] },
        };

    /// <summary>A remedy for every generated check, so that the remedy step is reachable.</summary>
    public static RemedyDefinition Fix(RemedyWhen when) => new("fix", "fs.mount", null, ["/bin/true"], TimeSpan.FromSeconds(1), when, 1);

    private static Gen<CheckResult> Result() =>
        from name in Gen.Elements("fs.mount", "gpu.nvidia", "ps.running")
        from fails in Gen.Elements(true, false)
        from critical in Gen.Elements(true, false)
        from priority in Gen.Elements(1, 50, 500, CheckPriority.MustIgnoreValue)
        from remedy in Gen.Elements(LadderStep.Reboot, LadderStep.Rebuild, LadderStep.Manual)
        select fails ? Scenario.Failing(name, priority, critical: critical, remedy: remedy) : Scenario.Passing(name, priority);
}
