using HpcMaint.Core.Rebuild;
using HpcMaint.Core.Slurm;
using static HpcMaint.Core.Tests.Rebuild.RebuildCluster;

namespace HpcMaint.Core.Tests.Rebuild;

/// <summary>Partition statistics as the seed operator logs them: unavailable, down, combined = unavailable ∪ down, overlap.</summary>
public sealed class PartitionStatisticsSpecs
{
    private static readonly TimeSpan Lead = TimeSpan.FromHours(1);

    [Fact]
    public void The_seeds_example_counts_a_node_in_maintenance_and_down_once_in_combined_and_once_in_overlap()
    {
        // The seed's example: 100 nodes, 5 in maintenance, 8 down, 2 of them both.
        var nodes = Enumerable.Range(1, 100).Select(i => Node($"n{i}", State(
            i <= 5 ? NodeBaseState.Idle : i <= 11 ? NodeBaseState.Down : NodeBaseState.Idle,
            i is 4 or 5 ? NodeFlags.Drain : NodeFlags.None))).ToArray();
        var maintenance = Maintenance("fw", "n1", "n2", "n3", "n4", "n5");

        var stats = Assert.Single(PartitionStatistics.Of(nodes, [maintenance], Now, Lead, "rebuild"));

        Assert.Equal((5, 8, 11, 2), (stats.Unavailable.Count, stats.Down.Count, stats.Combined.Count, stats.Overlap.Count));
        Assert.StartsWith("Partition 'batch' status: unavailable: 5/100 (5.0 %), down: 8/100 (8.0 %), combined: 11/100 (11.0 %), overlap: 2", stats.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Combined_is_exactly_what_a_budget_counts_out_of_service_for_every_single_flag()
    {
        // One node per flag (and per base state): a state the budget counts out must be unavailable or down here, and no other.
        var flags = Enum.GetValues<NodeFlags>().Where(f => f != NodeFlags.None && System.Numerics.BitOperations.IsPow2((ulong)f)).ToArray();
        var states = flags.Select(f => State(NodeBaseState.Idle, f)).Concat(Enum.GetValues<NodeBaseState>().Select(b => State(b))).ToArray();
        var nodes = states.Select((st, i) => Node($"n{i + 1}", st)).ToArray();

        var stats = Assert.Single(PartitionStatistics.Of(nodes, [], Now, Lead, "rebuild"));

        Assert.Equal(nodes.Where(n => n.State.IsUnavailable).Select(n => n.Name), stats.Combined);
    }

    [Fact]
    public void A_reservation_counts_from_the_lead_time_before_it_starts_and_not_once_it_has_ended()
    {
        var soon = Maintenance("soon", "n1") with { StartTime = Now + TimeSpan.FromMinutes(30), State = "INACTIVE" };
        var later = Maintenance("later", "n2") with { StartTime = Now + TimeSpan.FromHours(3), State = "INACTIVE" };
        var over = Maintenance("over", "n3") with { StartTime = Now.AddHours(-3), EndTime = Now.AddHours(-1), State = "INACTIVE" };
        var notMaint = Maintenance("users", "n4") with { Flags = ["IGNORE_JOBS"] };

        var stats = Assert.Single(PartitionStatistics.Of(Nodes(4), [soon, later, over, notMaint], Now, Lead, "rebuild"));

        Assert.Equal(["n1"], stats.Unavailable);
    }

    [Fact]
    public void A_reboot_under_way_is_maintenance_a_drain_or_power_down_is_down_and_each_partition_is_counted_on_its_own()
    {
        var nodes = new[]
        {
            Node("n1", State(NodeBaseState.Idle, NodeFlags.RebootRequested), partitions: ["batch", "rebuild"]),
            Node("n2", State(NodeBaseState.Mixed, NodeFlags.Drain), partitions: ["batch", "gpu", "rebuild"]),
            Node("n3", State(NodeBaseState.Idle, NodeFlags.PoweredDown), partitions: ["gpu", "rebuild"]),
            Node("n4", partitions: ["gpu", "rebuild"]),
        };

        var stats = PartitionStatistics.Of(nodes, [], Now, Lead, "rebuild");

        Assert.Equal(["batch", "gpu"], stats.Select(s => s.Partition));
        Assert.Equal((2, 1, 1, 0), (stats[0].Total, stats[0].Unavailable.Count, stats[0].Down.Count, stats[0].Overlap.Count));
        Assert.Equal((3, 0, 2), (stats[1].Total, stats[1].Unavailable.Count, stats[1].Down.Count));
        Assert.Equal("Partition 'gpu' status: unavailable: 0/3 (0.0 %), down: 2/3 (66.7 %), combined: 2/3 (66.7 %), overlap: 0 (n[2-3])", stats[1].ToString());
    }
}
