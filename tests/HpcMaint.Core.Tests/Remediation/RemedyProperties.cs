using FsCheck;
using FsCheck.Fluent;
using HpcMaint.Core.Health;
using HpcMaint.Core.Remediation;
using HpcMaint.Core.Slurm;

namespace HpcMaint.Core.Tests.Remediation;

/// <summary>Over generated runs of one node, the plans carried out as Slurm would: a remedy runs at most once per ticket.</summary>
public sealed class RemedyProperties
{
    private static readonly FsCheck.Config Runs = FsCheck.Config.QuickThrowOnFailure.WithMaxTest(1000);

    [Fact]
    public void A_remedy_runs_at_most_once_per_ticket_and_only_on_a_node_hpcmaint_drained()
    {
        var property = Prop.ForAll(Histories().ToArbitrary(), history =>
        {
            var remedies = new Dictionary<DateTimeOffset, int>();
            var scenario = new Scenario { Settings = new Scenario().Settings with { Remedies = [ForeignDrainProperties.Fix(history.When)] } };
            var safe = true;
            foreach (var (run, i) in history.Runs.Select((r, i) => (r, i)))
            {
                scenario = scenario with
                {
                    Now = Scenario.T0.AddMinutes(i),
                    Results = [run.Fails ? Scenario.Failing("fs.mount", critical: true) : Scenario.Passing("fs.mount")],
                    State = scenario.State with { Base = run.Busy ? NodeBaseState.Mixed : NodeBaseState.Idle },
                    Reason = run.AdminReason ? "disk swap" : scenario.Reason,
                    Peers = [],
                };
                var plan = scenario.Decide();
                if (plan.Actions.OfType<RunRemedy>().Any())
                {
                    safe &= NodeReason.IsOwnedByHpcmaint(scenario.Reason) || plan.Actions.OfType<DrainNode>().Any();
                    var ticket = plan.Actions.OfType<WriteRecord>().Last().Record.Ticket!;
                    remedies[ticket.Opened] = remedies.GetValueOrDefault(ticket.Opened) + plan.Actions.OfType<RunRemedy>().Count();
                }

                scenario = Apply(scenario, plan);
            }

            return safe && remedies.Values.All(n => n <= 1);
        });

        Check.One(Runs, property);
    }

    // What slurmctld makes of a plan: drains, resumes, reboots (the node boots at once), the record.
    private static Scenario Apply(Scenario scenario, HealthPlan plan)
    {
        foreach (var action in plan.Actions)
        {
            scenario = action switch
            {
                DrainNode d => scenario with { Reason = d.Reason, State = scenario.State with { Flags = scenario.State.Flags | NodeFlags.Drain } },
                ResumeNode => scenario with { Reason = null, State = scenario.State with { Flags = scenario.State.Flags & ~NodeFlags.Drain } },
                RebootNode => scenario with { BootTime = scenario.Now.AddSeconds(30) },
                WriteRecord w => scenario with { Record = w.Record },
                _ => scenario,
            };
        }

        return scenario with { Strikes = plan.Strikes };
    }

    private static Gen<History> Histories() =>
        from when in Gen.Elements(RemedyWhen.Now, RemedyWhen.Idle)
        from runs in Gen.ListOf(
            from fails in Gen.Frequency((3, Gen.Constant(true)), (1, Gen.Constant(false)))
            from busy in Gen.Elements(true, false)
            from admin in Gen.Frequency((12, Gen.Constant(false)), (1, Gen.Constant(true)))
            select new Run(fails, busy, admin))
        select new History(when, runs.Take(12).ToArray());

    private sealed record Run(bool Fails, bool Busy, bool AdminReason);

    private sealed record History(RemedyWhen When, IReadOnlyList<Run> Runs)
    {
        public override string ToString() => $"{When}: " + string.Join(", ", Runs.Select(r => $"{(r.Fails ? "F" : "p")}{(r.Busy ? "b" : "i")}{(r.AdminReason ? "A" : string.Empty)}"));
    }
}
