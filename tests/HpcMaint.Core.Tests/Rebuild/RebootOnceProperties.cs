using FsCheck;
using FsCheck.Fluent;
using HpcMaint.Core.Rebuild;
using HpcMaint.Core.Slurm;
using static HpcMaint.Core.Tests.Rebuild.RebuildCluster;

namespace HpcMaint.Core.Tests.Rebuild;

/// <summary>A reboot plan killed at any points of any passes and resumed reboots every node exactly once.</summary>
public sealed class RebootOnceProperties
{
    private static readonly FsCheck.Config Runs = FsCheck.Config.QuickThrowOnFailure.WithMaxTest(300);

    /// <summary>For each of the first 40 passes: the runner lives, or dies after some of its actions (the next one sent or not).</summary>
    private static Gen<(int After, bool Sent)?[]> Kills() =>
        Gen.ArrayOf(
            Gen.Frequency(
                (3, Gen.Constant<(int, bool)?>(null)),
                (1, from after in Gen.Choose(0, 3) from sent in Gen.Elements(true, false) select ((int, bool)?)(after, sent))),
            40);

    [Theory]
    [InlineData(RebuildStrategy.Job)]
    [InlineData(RebuildStrategy.Drain)]
    public void Killed_anywhere_and_resumed_every_node_is_rebooted_exactly_once_and_ends_done(RebuildStrategy strategy)
    {
        var property = Prop.ForAll(Kills().ToArbitrary(), Gen.Choose(2, 6).ToArbitrary(), (kills, count) =>
        {
            var simulation = new RollingSimulation(Nodes(count));
            var names = Enumerable.Range(1, count).Select(i => $"n{i}").ToArray();
            var plan = Plan(names, maxDown: 50, strategy: strategy, image: string.Empty) with { Kind = PlanKind.Reboot };

            var ended = simulation.Run(plan, pass => pass < kills.Length ? kills[pass] : null);

            var rebooted = string.Join(' ', names.Select(n => $"{n}:{simulation.Reboots.GetValueOrDefault(n)}"));
            Assert.True(ended.Status == PlanStatus.Finished, $"plan {ended.Status}: " + string.Join("; ", ended.Nodes.Select(n => $"{n.Name} {n.Step} {n.Detail}")));
            Assert.True(ended.Nodes.All(n => n.Step == RebuildStep.Done), string.Join("; ", ended.Nodes.Select(n => $"{n.Name} {n.Step} {n.Detail}")));
            Assert.True(names.All(n => simulation.Reboots.GetValueOrDefault(n) == 1), "reboots " + rebooted);
            return true;
        });

        Check.One(Runs, property);
    }

    /// <summary>Each node's running user job: expected to end in 0–60 s, really finishing 20 s earlier to 20 s later.</summary>
    private static Gen<(int Ends, int Off)[]> Work(int count) =>
        Gen.ArrayOf(from ends in Gen.Choose(0, 60) from off in Gen.Choose(-20, 20) select (ends, off), count);

    [Theory]
    [InlineData(PlanKind.Reboot)]
    [InlineData(PlanKind.Rebuild)]
    public void With_reservations_killed_anywhere_every_node_is_rebooted_once_never_under_a_job_and_only_the_plans_reservations_are_touched(PlanKind kind)
    {
        var cases = from count in Gen.Choose(2, 5) from work in Work(count) from kills in Kills() select (count, work, kills);
        var property = Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var names = Enumerable.Range(1, c.count).Select(i => $"n{i}").ToArray();
            var jobs = names.Select((n, i) => (
                Job(500 + i, n, "RUNNING", partition: "batch", name: "user") with { EndTime = Now.AddSeconds(c.work[i].Ends) },
                Now.AddSeconds(Math.Max(1, c.work[i].Ends + c.work[i].Off))));
            // Not the plan's: another plan's reservation whose name starts like this plan's, and an admin's.
            Reservation[] foreign =
            [
                new("hpcmaint-rb-test-2-n1", "n1", ["n1"], Now, null, ["IGNORE_JOBS"], "root", "ACTIVE"),
                Maintenance("maint-x1", "x1"),
            ];
            var simulation = new RollingSimulation([.. Nodes(c.count), Node("x1", partitions: ["other"])], jobs, foreign);
            var plan = Plan(names, maxDown: 50, strategy: RebuildStrategy.Reservation, image: kind == PlanKind.Reboot ? string.Empty : "new") with { Kind = kind };

            var ended = simulation.Run(plan, pass => pass < c.kills.Length ? c.kills[pass] : null);

            var own = names.Select(n => MaintenanceReservations.Name(plan.Id, n)).ToHashSet();
            Assert.True(ended.Status == PlanStatus.Finished && ended.Nodes.All(n => n.Step == RebuildStep.Done), string.Join("; ", ended.Nodes.Select(n => $"{n.Name} {n.Step} {n.Detail}")));
            Assert.True(names.All(n => simulation.Reboots.GetValueOrDefault(n) == 1), "reboots " + string.Join(' ', names.Select(n => $"{n}:{simulation.Reboots.GetValueOrDefault(n)}")));
            Assert.Empty(simulation.RebootsUnderJobs);
            Assert.All(simulation.ReservationsTouched, name => Assert.Contains(name, own));
            Assert.Equal(foreign.Select(r => r.Name), simulation.Reservations.Select(r => r.Name));
            return true;
        });

        Check.One(Runs, property);
    }
}
