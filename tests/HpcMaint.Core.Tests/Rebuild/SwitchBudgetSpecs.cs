using HpcMaint.Core.Rebuild;
using HpcMaint.Core.Slurm;
using static HpcMaint.Core.Tests.Rebuild.RebuildCluster;

namespace HpcMaint.Core.Tests.Rebuild;

public sealed class SwitchBudgetSpecs
{
    private static RebuildPlan PerSwitch(int nodes, string limit, int maxDown = 50) =>
        Plan(Enumerable.Range(1, nodes).Select(i => $"n{i}"), maxDown) with { MaxDownPerSwitch = DownLimit.TryParse(limit, out _) };

    private static ClusterView Cluster(Node[] nodes, int switchSize, IEnumerable<Job>? jobs = null) =>
        new ClusterView(nodes, jobs?.ToArray() ?? [], [], nodes.ToDictionary(n => n.Name, FeatureImageSource.ImageOf), Now) { Topology = Switches(nodes.Length, switchSize) };

    [Fact]
    public void At_most_one_per_switch_admits_one_node_of_each_switch()
    {
        // 50 % of 8 would take n1..n4, all of s1; one per switch takes n1 and n5.
        var turn = RebuildStepper.Next(PerSwitch(8, "1"), Cluster(Nodes(8), 4), Settings);

        Assert.Equal([new RebuildAction.Submit("n1", null), new RebuildAction.Submit("n5", null)], turn.Actions);
        Assert.Equal("budget: switch s1: 1 out (n1) + n2 = 2 > 1 (max 1 of 4)", turn.Plan.Find("n2")!.Detail);
        Assert.Equal("admitted (idle): batch: 1 out (n1) + n5 = 2 ≤ 4 (50 % of 8); switch s2: 0 out + n5 = 1 ≤ 1 (max 1 of 4)", turn.Changes.Single(c => c.Node == "n5").Why);
    }

    [Fact]
    public void A_node_must_fit_its_partition_too()
    {
        // 25 % of 8 is 2 in batch; 50 % of each switch would be 2 + 2.
        var turn = RebuildStepper.Next(PerSwitch(8, "50%", maxDown: 25), Cluster(Nodes(8), 4), Settings);

        Assert.Equal(["n1", "n2"], turn.Actions.Select(a => a.Node));
        Assert.Equal("budget: batch: 2 out (n[1-2]) + n3 = 3 > 2 (25 % of 8); switch s1: 2 out (n[1-2]) + n3 = 3 > 2 (50 % of 4)", turn.Plan.Find("n3")!.Detail);
    }

    [Fact]
    public void A_node_out_of_service_outside_the_plan_uses_up_its_switch()
    {
        var nodes = Nodes(8);
        nodes[1] = Node("n2", State(NodeBaseState.Down, NodeFlags.NotResponding));
        var plan = PerSwitch(8, "1") with { Nodes = PerSwitch(8, "1").Nodes.Where(n => n.Name != "n2").ToArray() };

        var turn = RebuildStepper.Next(plan, Cluster(nodes, 4), Settings);

        Assert.Equal([new RebuildAction.Submit("n5", null)], turn.Actions);
        Assert.Equal("budget: switch s1: 1 out (n2) + n1 = 2 > 1 (max 1 of 4)", turn.Plan.Find("n1")!.Detail);
    }

    [Fact]
    public void A_node_in_no_leaf_switch_waits_and_says_why()
    {
        var nodes = Nodes(5);
        var view = new ClusterView(nodes, [], [], nodes.ToDictionary(n => n.Name, FeatureImageSource.ImageOf), Now) { Topology = Switches(4, 4) };

        var turn = RebuildStepper.Next(Plan(["n5"], 100) with { MaxDownPerSwitch = new DownLimit(1, false) }, view, Settings);

        Assert.Empty(turn.Actions);
        Assert.Equal("--max-down-per-switch: n5 is in no leaf switch or block of the topology (scontrol show topology): add it to topology.conf", turn.Plan.Find("n5")!.Detail);
    }

    [Fact]
    public void Without_a_per_switch_limit_the_topology_changes_nothing()
    {
        var turn = RebuildStepper.Next(Plan(Enumerable.Range(1, 8).Select(i => $"n{i}"), 50), Cluster(Nodes(8), 4), Settings);

        Assert.Equal(["n1", "n2", "n3", "n4"], turn.Actions.Select(a => a.Node));
        Assert.Empty(turn.Decision.SwitchBudgets);
    }

    [Fact]
    public void A_plan_is_refused_when_slurm_has_no_topology_or_a_switch_could_never_lose_a_node()
    {
        var nodes = Nodes(8);
        var none = new ClusterView(nodes, [], [], nodes.ToDictionary(n => n.Name, FeatureImageSource.ImageOf), Now);
        var request = new RebuildRequest(nodes.Select(n => n.Name).ToArray(), "new", RebuildStrategy.Job, 50, "--nodes n[1-8]") { MaxDownPerSwitch = new DownLimit(10, true) };

        PlanFactory.Create("rb-1", request, none, Settings, out var noTopology);
        PlanFactory.Create("rb-1", request, Cluster(nodes, 4), Settings, out var zero);

        Assert.StartsWith("--max-down-per-switch: Slurm reports no topology", Assert.Single(noTopology), StringComparison.Ordinal);
        Assert.Equal(
            ["--max-down-per-switch 10% of the 4 nodes of switch s1 is 0 nodes: nothing could ever be rebuilt there; use --max-down-per-switch 1 or 25% or more",
             "--max-down-per-switch 10% of the 4 nodes of switch s2 is 0 nodes: nothing could ever be rebuilt there; use --max-down-per-switch 1 or 25% or more"],
            zero);
    }

    [Fact]
    public void A_plan_names_the_nodes_in_no_leaf_switch()
    {
        var nodes = Nodes(6);
        var view = new ClusterView(nodes, [], [], nodes.ToDictionary(n => n.Name, FeatureImageSource.ImageOf), Now) { Topology = Switches(4, 4) };
        var request = new RebuildRequest(nodes.Select(n => n.Name).ToArray(), "new", RebuildStrategy.Job, 50, "--nodes n[1-6]") { MaxDownPerSwitch = new DownLimit(1, false) };

        PlanFactory.Create("rb-1", request, view, Settings, out var problems);

        Assert.Equal("--max-down-per-switch: n[5-6] in no leaf switch or block of the topology (scontrol show topology): add them to topology.conf, or leave them out of the plan", Assert.Single(problems));
    }

    [Theory]
    [InlineData("1", 1, false)]
    [InlineData("25%", 25, true)]
    [InlineData(" 50 % ", 50, true)]
    public void A_limit_is_a_count_or_a_percentage(string text, int value, bool percent)
    {
        Assert.Equal(new DownLimit(value, percent), DownLimit.TryParse(text, out var problem));
        Assert.Null(problem);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("101%")]
    [InlineData("-1")]
    [InlineData("one")]
    [InlineData("")]
    public void Anything_else_is_refused_with_what_to_write(string text)
    {
        Assert.Null(DownLimit.TryParse(text, out var problem));
        Assert.Equal($"'{text}': write a number of nodes (1 or more) or a percentage (1% to 100%)", problem);
    }

    [Fact]
    public void A_count_larger_than_the_switch_is_the_whole_switch_and_a_percentage_rounds_down()
    {
        Assert.Equal(4, new DownLimit(9, false).Of(4));
        Assert.Equal(1, new DownLimit(33, true).Of(4));
    }

    [Fact]
    public void A_bad_limit_is_an_input_problem()
    {
        var input = new RebuildInput(null, "n[1-4]", "new", 25, RebuildStrategy.Job, DryRun: false) { MaxDownPerSwitch = "0" };

        Assert.Equal("--max-down-per-switch '0': write a number of nodes (1 or more) or a percentage (1% to 100%)", RebuildStartRules.InputProblem(input));
    }
}
