using FsCheck;
using FsCheck.Fluent;
using HpcMaint.Core.Rebuild;
using HpcMaint.Core.Slurm;
using static HpcMaint.Core.Tests.Rebuild.RebuildCluster;

namespace HpcMaint.Core.Tests.Rebuild;

public sealed class SwitchBudgetProperties
{
    private static readonly FsCheck.Config Runs = FsCheck.Config.QuickThrowOnFailure.WithMaxTest(1000);

    private static readonly NodeState[] States =
    [
        Idle, Idle, Idle, Idle, Idle, Idle,
        State(NodeBaseState.Allocated),
        State(NodeBaseState.Idle, NodeFlags.Drain),
        State(NodeBaseState.Down, NodeFlags.NotResponding),
        State(NodeBaseState.Idle, NodeFlags.RebootRequested),
    ];

    private static readonly RebuildStep[] Steps = [RebuildStep.Waiting, RebuildStep.Waiting, RebuildStep.Waiting, RebuildStep.Submitted, RebuildStep.Done, RebuildStep.Failed];

    /// <summary>1–96 nodes on switches of 1–16, a random state and plan step each, a count or percentage per switch.</summary>
    private static Gen<(Node[] Nodes, RebuildPlan Plan, Job[] Jobs, Topology Topology)> Clusters() =>
        from count in Gen.Choose(1, 96)
        from size in Gen.Choose(1, 16)
        from states in Gen.ArrayOf(Gen.Elements(States), count)
        from steps in Gen.ArrayOf(Gen.Elements(Steps), count)
        from percent in Gen.Choose(1, 100)
        from perSwitch in Gen.OneOf(Gen.Choose(1, 4).Select(n => new DownLimit(n, false)), Gen.Choose(1, 100).Select(p => new DownLimit(p, true)))
        select Make(states, steps, size, percent, perSwitch);

    private static (Node[], RebuildPlan, Job[], Topology) Make(NodeState[] states, RebuildStep[] steps, int size, int percent, DownLimit perSwitch)
    {
        var nodes = states.Select((s, i) => Node($"n{i + 1}", s)).ToArray();
        var plan = Plan(nodes.Select(n => n.Name), percent) with { MaxDownPerSwitch = perSwitch, MaxFailures = nodes.Length };
        for (var i = 0; i < nodes.Length; i++)
        {
            plan = plan.WithStep(nodes[i].Name, steps[i], steps[i] == RebuildStep.Submitted ? i + 1 : null);
        }

        var jobs = plan.Nodes.Where(n => n.Step == RebuildStep.Submitted).Select(n => Job(n.JobId!.Value, n.Name, "RUNNING", plan.JobComment)).ToArray();
        return (nodes, plan, jobs, Switches(nodes.Length, size));
    }

    private static RebuildTurn Pass((Node[] Nodes, RebuildPlan Plan, Job[] Jobs, Topology Topology) c) =>
        RebuildStepper.Next(c.Plan, new ClusterView(c.Nodes, c.Jobs, [], c.Nodes.ToDictionary(n => n.Name, FeatureImageSource.ImageOf), Now) { Topology = c.Topology }, Settings);

    [Fact]
    public void Never_more_than_the_per_switch_limit_out_in_a_switch_a_node_was_admitted_in()
    {
        var property = Prop.ForAll(Clusters().ToArbitrary(), cluster =>
        {
            var turn = Pass(cluster);
            var admitted = turn.Actions.OfType<RebuildAction.Submit>().Select(a => a.Node).ToHashSet();

            // Counted here from the states and steps, not by the ledger under test.
            return cluster.Topology.Leaves.Where(l => l.Nodes.Any(admitted.Contains)).All(leaf =>
            {
                var out_ = leaf.Nodes.Select(n => (cluster.Nodes.Single(x => x.Name == n).State, turn.Plan.Find(n)!.Step))
                    .Count(m => m.Step != RebuildStep.Failed && (m.State.IsUnavailable || m.Step.IsInFlight()));
                return out_ <= cluster.Plan.MaxDownPerSwitch!.Of(leaf.Nodes.Count);
            });
        });

        Check.One(Runs, property);
    }

    [Fact]
    public void A_node_held_back_by_its_switch_would_overfill_it()
    {
        // The other half: a planner that holds back a node its switch (and partition) had room for fails here.
        var property = Prop.ForAll(Clusters().ToArbitrary(), cluster =>
        {
            var turn = Pass(cluster);
            var view = new ClusterView(cluster.Nodes, cluster.Jobs, [], cluster.Nodes.ToDictionary(n => n.Name, FeatureImageSource.ImageOf), Now) { Topology = cluster.Topology };
            var partitions = BudgetLedger.Build(turn.Plan, view, Settings);
            var switches = BudgetLedger.Switches(turn.Plan, view, Settings);
            var heldBack = turn.Plan.Nodes.Where(n => n.Step == RebuildStep.Waiting && n.Detail?.StartsWith("budget:", StringComparison.Ordinal) == true);

            return heldBack.All(n =>
                !partitions["batch"].Admits(n.Name) || !switches[cluster.Topology.DomainOf(n.Name)!.Name].Admits(n.Name));
        });

        Check.One(Runs, property);
    }

    [Fact]
    public void The_generated_clusters_admit_something_often_enough_for_the_properties_to_mean_something()
    {
        var samples = Clusters().Sample(96, 500);
        var admitting = samples.Count(c => Pass(c).Actions.OfType<RebuildAction.Submit>().Any());
        var heldBySwitch = samples.Count(c => Pass(c).Plan.Nodes.Any(n => n.Detail?.Contains("switch s", StringComparison.Ordinal) == true && n.Detail.StartsWith("budget:", StringComparison.Ordinal)));

        Assert.True(admitting * 5 >= samples.Length, $"{admitting} of {samples.Length} generated clusters admit a node");
        Assert.True(heldBySwitch * 5 >= samples.Length, $"{heldBySwitch} of {samples.Length} generated clusters hold a node back for its switch");
    }
}
