using FsCheck;
using FsCheck.Fluent;
using HpcMaint.Core.Rebuild;
using HpcMaint.Core.Slurm;

namespace HpcMaint.Core.Tests.Rebuild;

public sealed class WhatIfProperties
{
    /// <summary>
    /// 1–32 nodes on switches of 1–8, each idle or running a user job ending within the hour, a budget
    /// that admits at least one node, with or without a per-switch limit, each node's reboot 1–600 s.
    /// </summary>
    private static Gen<Case> Cases() =>
        from count in Gen.Choose(1, 32)
        from ends in Gen.ArrayOf(Gen.OneOf(Gen.Constant<int?>(null), Gen.Choose(0, 3600).Select(s => (int?)s)), count)
        from reboots in Gen.ArrayOf(Gen.Choose(1, 600), count)
        from extra in Gen.Choose(0, 100)
        from size in Gen.Choose(1, 8)
        from perSwitch in Gen.OneOf(Gen.Constant<DownLimit?>(null), Gen.Choose(1, 3).Select(n => (DownLimit?)new DownLimit(n, false)))
        from strategy in Gen.Elements(RebuildStrategy.Job, RebuildStrategy.Drain, RebuildStrategy.Reservation)
        select Make(ends, reboots, Math.Min(100, ((100 + count - 1) / count) + extra), size, perSwitch, strategy);

    private static Case Make(int?[] ends, int[] reboots, int percent, int size, DownLimit? perSwitch, RebuildStrategy strategy)
    {
        var nodes = ends.Select((e, i) => RebuildCluster.Node($"n{i + 1}", e is null ? RebuildCluster.Idle : RebuildCluster.State(NodeBaseState.Allocated))).ToArray();
        var jobs = ends.Select((e, i) => (e, i)).Where(x => x.e is not null).Select(x => RebuildCluster.UserJob(x.i + 1, $"n{x.i + 1}", RebuildCluster.Now.AddSeconds(x.e!.Value))).ToArray();
        var plan = RebuildCluster.Plan(nodes.Select(n => n.Name), percent, strategy) with { Kind = PlanKind.Reboot, MaxDownPerSwitch = perSwitch };
        var estimates = nodes.Select((n, i) => (n.Name, new RebootEstimate(TimeSpan.FromSeconds(reboots[i]), "given"))).ToDictionary(x => x.Name, x => x.Item2);
        var topology = RebuildCluster.Switches(nodes.Length, size);
        var view = new ClusterView(nodes, jobs, [], nodes.ToDictionary(n => n.Name, FeatureImageSource.ImageOf), RebuildCluster.Now) { Topology = topology };
        return new Case(plan, view, estimates, jobs);
    }

    private static Prediction Predict(Case c) => WhatIfPlanner.Predict(c.Plan, c.View, RebuildCluster.Settings, c.Estimates);

    [Fact]
    public void The_makespan_is_never_below_the_longest_wait_for_a_jobs_end_plus_that_nodes_reboot()
    {
        var property = Prop.ForAll(Cases().ToArbitrary(), c =>
        {
            var prediction = Predict(c);
            var bound = c.Plan.Nodes.Max(n =>
                (c.Jobs.FirstOrDefault(j => j.Nodes.Contains(n.Name))?.EndTime is { } end && end > RebuildCluster.Now ? end - RebuildCluster.Now : TimeSpan.Zero) + c.Estimates[n.Name].Duration);

            return prediction.Unpredicted.Count == 0 && prediction.Makespan >= bound;
        });

        Check.One(Runs, property);
    }

    [Fact]
    public void At_every_admission_the_nodes_out_fit_the_partition_budget_and_every_switch_budget()
    {
        var property = Prop.ForAll(Cases().ToArbitrary(), c =>
        {
            var prediction = Predict(c);
            var limit = c.Plan.Nodes.Count * c.Plan.MaxDownPercent / 100;

            // Counted here from the predicted intervals (out from admission to back), not by the ledger.
            return prediction.Nodes.All(admitted =>
            {
                var outNow = prediction.Nodes.Where(n => n.Admitted <= admitted.Admitted && admitted.Admitted < n.Back).ToArray();
                var perSwitchOk = c.Plan.MaxDownPerSwitch is not { } perSwitch
                    || outNow.GroupBy(n => c.View.Topology.DomainOf(n.Name)!.Name).All(g => g.Count() <= perSwitch.Of(c.View.Topology.Leaves.Single(l => l.Name == g.Key).Nodes.Count));
                return outNow.Length <= limit && perSwitchOk;
            });
        });

        Check.One(Runs, property);
    }

    [Fact]
    public void No_reboot_is_predicted_to_start_before_its_nodes_jobs_end()
    {
        var property = Prop.ForAll(Cases().ToArbitrary(), c =>
            Predict(c).Nodes.All(n => c.Jobs.FirstOrDefault(j => j.Nodes.Contains(n.Name))?.EndTime is not { } end || n.Start > end));

        Check.One(Runs, property);
    }

    /// <summary>Each run is a whole simulated plan: fewer runs than the one-pass properties.</summary>
    private static FsCheck.Config Runs => FsCheck.Config.QuickThrowOnFailure.WithMaxTest(300);

    internal sealed record Case(RebuildPlan Plan, ClusterView View, IReadOnlyDictionary<string, RebootEstimate> Estimates, Job[] Jobs);
}
