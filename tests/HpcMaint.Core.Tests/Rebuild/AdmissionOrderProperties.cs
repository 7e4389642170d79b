using FsCheck;
using FsCheck.Fluent;
using HpcMaint.Core.Rebuild;
using HpcMaint.Core.Slurm;
using static HpcMaint.Core.Tests.Rebuild.RebuildCluster;

namespace HpcMaint.Core.Tests.Rebuild;

public sealed class AdmissionOrderProperties
{
    private static readonly FsCheck.Config Runs = FsCheck.Config.QuickThrowOnFailure.WithMaxTest(1000);

    /// <summary>2–64 nodes in batch, each idle or running a user job that ends within the hour (or has no end), at a random --max-down.</summary>
    private static Gen<(Node[] Nodes, Job[] Jobs, RebuildPlan Plan, RebuildStrategy Strategy)> Clusters() =>
        from count in Gen.Choose(2, 64)
        from ends in Gen.ArrayOf(Gen.OneOf(Gen.Constant<int?>(null), Gen.Constant<int?>(-1), Gen.Choose(0, 3600).Select(s => (int?)s)), count)
        from percent in Gen.Choose(1, 100)
        from strategy in Gen.Elements(RebuildStrategy.Job, RebuildStrategy.Drain)
        select Make(ends, percent, strategy);

    /// <summary>An end of null: idle; -1: a job with no end time; else its end in seconds from now.</summary>
    private static (Node[], Job[], RebuildPlan, RebuildStrategy) Make(int?[] ends, int percent, RebuildStrategy strategy)
    {
        var nodes = ends.Select((e, i) => Node($"n{i + 1}", e is null ? Idle : State(NodeBaseState.Allocated))).ToArray();
        var jobs = ends.Select((e, i) => (e, i)).Where(x => x.e is not null)
            .Select(x => UserJob(x.i + 1, $"n{x.i + 1}", x.e == -1 ? null : Now.AddSeconds(x.e!.Value))).ToArray();
        return (nodes, jobs, Plan(nodes.Select(n => n.Name), percent, strategy), strategy);
    }

    private static DateTimeOffset FreeAt(Job[] jobs, string node) =>
        jobs.FirstOrDefault(j => j.Nodes.Contains(node)) is { } job ? job.EndTime ?? DateTimeOffset.MaxValue : DateTimeOffset.MinValue;

    [Fact]
    public void With_an_idle_node_and_budget_for_one_the_idle_node_is_admitted()
    {
        var property = Prop.ForAll(Clusters().ToArbitrary(), c =>
        {
            var plan = Plan(c.Nodes.Select(n => n.Name), (100 + c.Nodes.Length - 1) / c.Nodes.Length, c.Strategy);
            var turn = RebuildStepper.Next(plan, View(c.Nodes, c.Jobs), Settings);
            var admitted = turn.Actions.Select(a => a.Node).ToArray();
            var anyIdle = c.Nodes.Any(n => FreeAt(c.Jobs, n.Name) == DateTimeOffset.MinValue);

            // Budget for one: floor(N × ceil(100 / N) / 100) is 1 for every N from 2 to 64.
            return admitted.Length == 1 && (!anyIdle || FreeAt(c.Jobs, admitted[0]) == DateTimeOffset.MinValue);
        });

        Check.One(Runs, property);
    }

    [Fact]
    public void No_node_held_back_by_the_budget_frees_up_before_one_admitted()
    {
        var property = Prop.ForAll(Clusters().ToArbitrary(), c =>
        {
            var turn = RebuildStepper.Next(c.Plan, View(c.Nodes, c.Jobs), Settings);
            var admitted = turn.Actions.Select(a => FreeAt(c.Jobs, a.Node)).DefaultIfEmpty(DateTimeOffset.MinValue).Max();
            var heldBack = turn.Plan.Nodes.Where(n => n.Detail?.StartsWith("budget:", StringComparison.Ordinal) == true).Select(n => FreeAt(c.Jobs, n.Name));

            return heldBack.All(h => h >= admitted);
        });

        Check.One(Runs, property);
    }
}
