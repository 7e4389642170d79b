using FsCheck;
using FsCheck.Fluent;
using HpcMaint.Core.Rebuild;
using HpcMaint.Core.Slurm;
using static HpcMaint.Core.Tests.Rebuild.RebuildCluster;

namespace HpcMaint.Core.Tests.Rebuild;

public sealed class BudgetProperties
{
    private static readonly FsCheck.Config Runs = FsCheck.Config.QuickThrowOnFailure.WithMaxTest(1000);

    private static readonly NodeState[] States =
    [
        Idle, Idle, Idle, Idle, Idle, Idle,
        State(NodeBaseState.Allocated),
        State(NodeBaseState.Idle, NodeFlags.Drain),
        State(NodeBaseState.Down, NodeFlags.NotResponding),
        State(NodeBaseState.Allocated, NodeFlags.NotResponding | NodeFlags.PoweringUp),
        State(NodeBaseState.Idle, NodeFlags.RebootRequested),
    ];

    private static readonly RebuildStep[] Steps = [RebuildStep.Waiting, RebuildStep.Waiting, RebuildStep.Waiting, RebuildStep.Submitted, RebuildStep.Done, RebuildStep.Skipped];

    /// <summary>A cluster of 1–64 nodes in one or two partitions, each in a random state and plan step.</summary>
    /// <summary>Each node submitted earlier has its rebuild job in squeue (running): it stays in flight.</summary>
    private static Gen<(Node[] Nodes, RebuildPlan Plan, Job[] Jobs)> Clusters() =>
        from count in Gen.Choose(1, 64)
        from states in Gen.ArrayOf(Gen.Elements(States), count)
        from steps in Gen.ArrayOf(Gen.Elements(Steps), count)
        from inGpu in Gen.ArrayOf(Gen.Elements(true, false), count)
        from percent in Gen.Choose(1, 100)
        select Make(states, steps, inGpu, percent);

    private static (Node[], RebuildPlan, Job[]) Make(NodeState[] states, RebuildStep[] steps, bool[] inGpu, int percent)
    {
        var nodes = states.Select((s, i) => Node($"n{i + 1}", s, partitions: inGpu[i] ? ["batch", "gpu", "rebuild"] : ["batch", "rebuild"])).ToArray();
        var plan = Plan(nodes.Select(n => n.Name), percent);
        for (var i = 0; i < nodes.Length; i++)
        {
            plan = plan.WithStep(nodes[i].Name, steps[i], steps[i] == RebuildStep.Submitted ? i + 1 : null);
        }

        var jobs = plan.Nodes.Where(n => n.Step == RebuildStep.Submitted).Select(n => Job(n.JobId!.Value, n.Name, "RUNNING", plan.JobComment)).ToArray();
        return (nodes, plan, jobs);
    }

    [Fact]
    public void Never_more_than_max_down_percent_unavailable_after_submitting()
    {
        var property = Prop.ForAll(Clusters().ToArbitrary(), cluster =>
        {
            var view = View(cluster.Nodes, cluster.Jobs);
            var turn = RebuildStepper.Next(cluster.Plan, view, Settings);
            var submitted = turn.Actions.OfType<RebuildAction.Submit>().Select(a => a.Node).ToHashSet();

            // Counted here from the states and steps, not by the ledger under test: in every partition a
            // node was submitted in, the nodes out of service or in flight stay within floor(total × %).
            // A node this plan failed is not counted (it is left drained for a person; see BudgetLedger).
            return cluster.Nodes.Where(n => submitted.Contains(n.Name)).SelectMany(n => n.Partitions).Where(p => p != Settings.Partition).Distinct().All(p =>
            {
                var members = cluster.Nodes.Where(n => n.Partitions.Contains(p)).ToArray();
                var out_ = members.Select(n => (n.State, turn.Plan.Find(n.Name)!.Step))
                    .Count(m => m.Step != RebuildStep.Failed && (m.State.IsUnavailable || m.Step.IsInFlight()));
                return out_ <= members.Length * turn.Plan.MaxDownPercent / 100;
            });
        });

        Check.One(Runs, property);
    }

    [Fact]
    public void The_generated_clusters_submit_something_often_enough_for_the_properties_to_mean_something()
    {
        // Small budgets and busy clusters hold many cases back; at least a fifth must submit something.
        var samples = Clusters().Sample(64, 500);
        var submitting = samples.Count(c => RebuildStepper.Next(c.Plan, View(c.Nodes, c.Jobs), Settings).Actions.OfType<RebuildAction.Submit>().Any());

        Assert.True(submitting * 5 >= samples.Length, $"{submitting} of {samples.Length} generated clusters submit a node");
    }

    [Fact]
    public void A_node_held_back_by_the_budget_would_overfill_one_of_its_partitions()
    {
        // The other half of "exactly": a planner that admits too few (or none) fails here.
        var property = Prop.ForAll(Clusters().ToArbitrary(), cluster =>
        {
            var view = View(cluster.Nodes, cluster.Jobs);
            var turn = RebuildStepper.Next(cluster.Plan, view, Settings);
            var after = BudgetLedger.Build(turn.Plan, view, Settings);
            var heldBack = turn.Plan.Nodes.Where(n => n.Step == RebuildStep.Waiting && n.Detail?.StartsWith("budget:", StringComparison.Ordinal) == true);

            return heldBack.All(n => view.Node(n.Name)!.Partitions
                .Where(after.ContainsKey)
                .Any(p => after[p].OthersOut(n.Name) + 1 > after[p].Limit));
        });

        Check.One(Runs, property);
    }

    [Fact]
    public void At_25_percent_of_4_nodes_exactly_one_is_in_flight_until_all_are_done()
    {
        // Jobs end in any order the generator picks; after every pass exactly one node is in flight.
        var finishOrder = Gen.Shuffle(new[] { 0, 1, 2, 3 }).ToArbitrary();
        var property = Prop.ForAll(finishOrder, _ =>
        {
            var plan = Plan(["n1", "n2", "n3", "n4"]);
            var nodes = Nodes(4);
            var jobs = new List<Job>();
            for (var pass = 0; pass < 4; pass++)
            {
                var turn = RebuildStepper.Next(plan, View(nodes, jobs), Settings);
                plan = turn.Plan;
                if (plan.Nodes.Count(n => n.Step.IsInFlight()) != 1)
                {
                    return false;
                }

                // Its job runs to completion and the node comes back on the new image.
                var node = plan.Nodes.Single(n => n.Step == RebuildStep.Submitting).Name;
                plan = plan.With(RebuildOutcomes.Submitted(plan.Find(node)!, pass + 1, Now).After);
                jobs.Add(Job(pass + 1, node, "COMPLETED", plan.JobComment));
                nodes = nodes.Select(n => n.Name == node ? RebuildCluster.Node(node, image: "new") : n).ToArray();
            }

            var last = RebuildStepper.Next(plan, View(nodes, jobs), Settings);
            return last.Plan.Status == PlanStatus.Finished && last.Plan.Count(RebuildStep.Done) == 4;
        });

        Check.One(Runs.WithMaxTest(24), property);
    }
}
