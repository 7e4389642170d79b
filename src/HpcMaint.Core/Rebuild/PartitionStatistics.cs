using HpcMaint.Core.Slurm;

namespace HpcMaint.Core.Rebuild;

/// <summary>
/// The seed operator's partition statistics, per partition: unavailable (kept out for maintenance: in a
/// MAINT reservation active or starting within the lead time, or <see cref="NodeState.IsInMaintenance"/>),
/// down (<see cref="NodeState.IsOffline"/>),
/// combined (either: what a --max-down budget counts) and overlap (both: a node in maintenance that also
/// has a problem). Pure: nodes and reservations in. The rebuild partition (hidden, every node) is left out.
/// </summary>
public static class PartitionStatistics
{
    public static IReadOnlyList<PartitionStats> Of(IReadOnlyList<Node> nodes, IReadOnlyList<Reservation> reservations, DateTimeOffset now, TimeSpan lead, string rebuildPartition)
    {
        var view = new ClusterView(nodes, [], reservations, new Dictionary<string, NodeImage>(), now);
        var reserved = BudgetLedger.MaintenanceReserved(view, lead);
        var byPartition = new SortedDictionary<string, PartitionTally>(StringComparer.Ordinal);
        foreach (var node in nodes)
        {
            var unavailable = reserved.ContainsKey(node.Name) || node.State.IsInMaintenance;
            var down = node.State.IsOffline;
            foreach (var p in node.Partitions.Where(p => p != rebuildPartition))
            {
                if (!byPartition.TryGetValue(p, out var tally))
                {
                    byPartition[p] = tally = new PartitionTally();
                }

                tally.Total++;
                if (unavailable)
                {
                    tally.Unavailable.Add(node.Name);
                }

                if (down)
                {
                    tally.Down.Add(node.Name);
                }

                if (unavailable || down)
                {
                    tally.Combined.Add(node.Name);
                }

                if (unavailable && down)
                {
                    tally.Overlap.Add(node.Name);
                }
            }
        }

        return byPartition.Select(p => new PartitionStats(p.Key, p.Value.Total, p.Value.Unavailable, p.Value.Down, p.Value.Combined, p.Value.Overlap)).ToArray();
    }

    private sealed class PartitionTally
    {
        public int Total { get; set; }

        public List<string> Unavailable { get; } = [];

        public List<string> Down { get; } = [];

        public List<string> Combined { get; } = [];

        public List<string> Overlap { get; } = [];
    }
}
