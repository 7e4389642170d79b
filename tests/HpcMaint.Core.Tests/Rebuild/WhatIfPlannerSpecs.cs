using HpcMaint.Core.Rebuild;
using HpcMaint.Core.Slurm;
using static HpcMaint.Core.Tests.Rebuild.PreemptionCluster;
using static HpcMaint.Core.Tests.Rebuild.RebuildCluster;

namespace HpcMaint.Core.Tests.Rebuild;

public sealed class WhatIfPlannerSpecs
{
    private static readonly RebuildSettings TwoSecondPasses = Settings with { PollInterval = TimeSpan.FromSeconds(2) };

    /// <summary>n1..n4 busy until 20, 15, 10 and 5 s from now (the reversed lengths).</summary>
    private static (Node[] Nodes, Job[] Jobs) Reversed()
    {
        var nodes = Enumerable.Range(1, 4).Select(i => Node($"n{i}", State(NodeBaseState.Allocated))).ToArray();
        var jobs = Enumerable.Range(1, 4).Select(i => UserJob(i, $"n{i}", Now.AddSeconds(25 - (5 * i)))).ToArray();
        return (nodes, jobs);
    }

    private static Dictionary<string, RebootEstimate> Each(int seconds, params string[] nodes) =>
        nodes.ToDictionary(n => n, _ => new RebootEstimate(TimeSpan.FromSeconds(seconds), "given"));

    [Fact]
    public void At_one_node_of_four_the_first_free_goes_first_and_each_waits_for_the_one_before()
    {
        var (nodes, jobs) = Reversed();
        var plan = Plan(nodes.Select(n => n.Name), 25, RebuildStrategy.Reservation) with { Kind = PlanKind.Reboot };

        var prediction = WhatIfPlanner.Predict(plan, View(nodes, jobs), TwoSecondPasses, Each(10, "n1", "n2", "n3", "n4"));

        // n4 free at 5 s, asked at 7, back at 17; then n2 and n3 are both free, and the planner takes plan order among equals.
        Assert.Equal(["n4", "n2", "n1", "n3"], prediction.Nodes.OrderBy(n => n.Wave).Select(n => n.Name));
        Assert.Equal([7.0, 19, 31, 43], prediction.Nodes.OrderBy(n => n.Wave).Select(n => (n.Start - Now).TotalSeconds));
        Assert.Equal(TimeSpan.FromSeconds(53), prediction.Makespan);
        Assert.Equal(4, prediction.Waves);
        Assert.Equal(4 * 12 / 3600.0, prediction.NodeHoursLost, 9);
        Assert.Empty(prediction.Unpredicted);
    }

    [Fact]
    public void The_prediction_a_real_start_keeps_stops_at_its_smaller_budget_and_names_the_nodes_it_did_not_reach()
    {
        // 10,000 idle nodes at 1 %: 100 waves, so the 50,000 node-passes of a start cover 5 passes, and --what-if's 500,000 cover 50.
        var nodes = Enumerable.Range(1, 10_000).Select(i => Node($"n{i}", State(NodeBaseState.Idle))).ToArray();
        var plan = Plan(nodes.Select(n => n.Name), 1, RebuildStrategy.Reservation) with { Kind = PlanKind.Reboot };
        var estimates = nodes.ToDictionary(n => n.Name, _ => new RebootEstimate(TimeSpan.FromSeconds(1), "given"));

        var atStart = WhatIfPlanner.Predict(plan, View(nodes), TwoSecondPasses, estimates, WhatIfPlanner.AtStart);

        Assert.Equal(5, WhatIfPlanner.MaxPasses(10_000, WhatIfPlanner.AtStart));
        Assert.Equal(50, WhatIfPlanner.MaxPasses(10_000));
        Assert.InRange(atStart.Nodes.Count, 1, 5 * 100);
        Assert.Equal(10_000, atStart.Nodes.Count + atStart.Unpredicted.Count);
    }

    [Fact]
    public void With_terminate_preemptable_a_node_running_only_preemptable_work_is_predicted_free_now_and_its_later_passes_still_see_preemption()
    {
        // n1 runs an hour-long job in the low (preemptable) partition, n2 a 20 s one; at 25 % one node at a time.
        var view = Preempting(Nodes(4), [Running(1, "n1", "low", Now.AddHours(1)), Running(2, "n2", "low", Now.AddSeconds(20))]);
        var plan = Plan(All, 25, RebuildStrategy.Reservation) with { Kind = PlanKind.Reboot, TerminatePreemptable = true };

        var prediction = WhatIfPlanner.Predict(plan, view, TwoSecondPasses, Each(10, "n1", "n2", "n3", "n4"));

        // Neither job holds its node: every node is free when admitted, so 4 waves of 2 + 10 s each and no wait for the hour.
        Assert.All(prediction.Nodes, n => Assert.Equal(n.Admitted, n.Free));
        Assert.Equal(TimeSpan.FromSeconds(4 * 12), prediction.Makespan);
        Assert.Empty(prediction.Unpredicted);
    }

    [Fact]
    public void At_two_of_four_a_node_is_admitted_as_soon_as_one_comes_back()
    {
        var (nodes, jobs) = Reversed();
        var plan = Plan(nodes.Select(n => n.Name), 50, RebuildStrategy.Reservation) with { Kind = PlanKind.Reboot };

        var prediction = WhatIfPlanner.Predict(plan, View(nodes, jobs), TwoSecondPasses, Each(10, "n1", "n2", "n3", "n4"));

        var back = prediction.Nodes.ToDictionary(n => n.Name, n => (n.Wave, (n.Back - Now).TotalSeconds));
        Assert.Equal((1, 17.0), back["n4"]);
        Assert.Equal((1, 22.0), back["n3"]);
        Assert.Equal((2, 29.0), back["n2"]);
        Assert.Equal((3, 34.0), back["n1"]);
        Assert.Equal(TimeSpan.FromSeconds(34), prediction.Makespan);
    }

    [Fact]
    public void Each_switch_budget_holds_in_every_wave()
    {
        var nodes = Nodes(4);
        var plan = Plan(nodes.Select(n => n.Name), 100) with { MaxDownPerSwitch = new DownLimit(1, false) };
        var view = new ClusterView(nodes, [], [], nodes.ToDictionary(n => n.Name, FeatureImageSource.ImageOf), Now) { Topology = Switches(4, 2) };

        var prediction = WhatIfPlanner.Predict(plan, view, TwoSecondPasses, Each(30, "n1", "n2", "n3", "n4"));

        Assert.Equal(2, prediction.Waves);
        Assert.All(prediction.Nodes.GroupBy(n => n.Wave), wave => Assert.Equal(["s1", "s2"], wave.Select(n => view.Topology.DomainOf(n.Name)!.Name).Order()));
        Assert.Equal(TimeSpan.FromSeconds(64), prediction.Makespan);
    }

    [Fact]
    public void A_node_that_is_down_is_not_predicted_and_the_makespan_is_unknown()
    {
        var nodes = Nodes(4);
        nodes[1] = Node("n2", State(NodeBaseState.Down, NodeFlags.NotResponding));

        // n2 down already holds one of the two the budget allows: the others go one at a time.
        var plan = Plan(nodes.Select(n => n.Name), 50);

        var prediction = WhatIfPlanner.Predict(plan, View(nodes), TwoSecondPasses, Each(10, "n1", "n2", "n3", "n4"));

        var missing = Assert.Single(prediction.Unpredicted);
        Assert.Equal("n2", missing.Name);
        Assert.Contains("waits until it is back in service", missing.Why);
        Assert.Null(prediction.Makespan);
        Assert.Equal([1, 2, 3], prediction.Nodes.Select(n => n.Wave));
    }

    [Fact]
    public void A_job_with_no_end_time_leaves_its_node_unpredicted()
    {
        var nodes = Nodes(2);
        var plan = Plan(nodes.Select(n => n.Name), 50);

        var prediction = WhatIfPlanner.Predict(plan, View(nodes, [UserJob(1, "n1", null)]), TwoSecondPasses, Each(10, "n1", "n2"));

        Assert.Equal("n1", Assert.Single(prediction.Unpredicted).Name);
        Assert.Contains("no end time", prediction.Unpredicted[0].Why);
        Assert.Equal("n2", Assert.Single(prediction.Nodes).Name);
    }

    [Fact]
    public void A_budget_full_of_someone_elses_drain_admits_nothing_and_says_why()
    {
        var nodes = Nodes(4);
        nodes[3] = Node("n4", State(NodeBaseState.Idle, NodeFlags.Drain), reason: "admin: fan");
        var plan = Plan(["n1", "n2", "n3"], 25);

        var prediction = WhatIfPlanner.Predict(plan, View(nodes), TwoSecondPasses, Each(10, "n1", "n2", "n3"));

        Assert.Empty(prediction.Nodes);
        Assert.All(prediction.Unpredicted, u => Assert.StartsWith("never admitted: budget: batch: 1 out (n4)", u.Why));
    }

    [Fact]
    public void Nodes_already_on_the_image_are_skipped_not_predicted()
    {
        Node[] nodes = [Node("n1", image: "new"), Node("n2")];
        var plan = Plan(nodes.Select(n => n.Name), 50);

        var prediction = WhatIfPlanner.Predict(plan, View(nodes), TwoSecondPasses, Each(10, "n1", "n2"));

        Assert.Equal("n2", Assert.Single(prediction.Nodes).Name);
        Assert.Empty(prediction.Unpredicted);
    }
}
