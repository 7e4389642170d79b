using HpcMaint.Core.Rebuild;
using HpcMaint.Core.Slurm;
using static HpcMaint.Core.Tests.Rebuild.RebuildCluster;

namespace HpcMaint.Core.Tests.Rebuild;

/// <summary>
/// Four nodes in "high" (PriorityTier 10, PreemptMode OFF) and "low" (PriorityTier 1, PreemptMode REQUEUE),
/// plus the hidden rebuild partition above both; "other" (PriorityTier 20, REQUEUE) on n1 only, under no higher user partition.
/// </summary>
internal static class PreemptionCluster
{
    public static readonly string[] All = ["n1", "n2", "n3", "n4"];

    public static readonly Partition[] Partitions =
    [
        Partition("high", 10, "OFF", All),
        Partition("low", 1, "REQUEUE", All),
        Partition("other", 20, "REQUEUE", ["n1"]),
        Partition("rebuild", 65533, "OFF", All),
    ];

    public static Partition Partition(string name, int tier, string mode, string[] nodes) =>
        new(name, string.Join(',', nodes), nodes, false, name == "rebuild", name == "rebuild", tier, "UP", "NO") { PreemptMode = mode };

    /// <summary>A user's job running on <paramref name="node"/> in <paramref name="partition"/> until <paramref name="end"/>.</summary>
    public static Job Running(long id, string node, string partition, DateTimeOffset? end) =>
        UserJob(id, node, end) with { Partition = partition };

    public static ClusterView Preempting(IEnumerable<Node> nodes, IEnumerable<Job>? jobs = null, IEnumerable<Reservation>? reservations = null, string preemptType = PreemptableJobs.PartitionPrio, Partition[]? partitions = null) =>
        new ClusterView(View(nodes).Nodes, jobs?.ToArray() ?? [], reservations?.ToArray() ?? [], nodes.ToDictionary(n => n.Name, FeatureImageSource.ImageOf), Now)
        {
            Partitions = partitions ?? Partitions,
            PreemptType = preemptType,
        };
}
