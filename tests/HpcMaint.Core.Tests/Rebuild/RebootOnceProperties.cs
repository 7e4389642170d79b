using FsCheck;
using FsCheck.Fluent;
using HpcMaint.Core.Rebuild;
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
}
