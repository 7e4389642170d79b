using HpcMaint.Core.Rebuild;
using HpcMaint.Core.Slurm;

namespace HpcMaint.Core.Tests.Rebuild;

/// <summary>Builds cluster views and plans for the rebuild specs: nodes n1..nN in partition batch (and rebuild).</summary>
internal static class RebuildCluster
{
    public static readonly DateTimeOffset Now = new(2026, 11, 21, 9, 30, 0, TimeSpan.Zero);

    public static readonly RebuildSettings Settings = new();

    public static Node Node(string name, NodeState? state = null, string image = "old", string[]? partitions = null, DateTimeOffset? boot = null, string? reason = null, string? comment = null) =>
        new(name, state ?? Idle, reason, null, null, boot ?? Now.AddDays(-1), null, partitions ?? ["batch", "rebuild"], ["testbed", "image:" + image], ["testbed", "image:" + image], comment, null, null);

    public static NodeState Idle => new(NodeBaseState.Idle, NodeFlags.None);

    public static NodeState State(NodeBaseState state, NodeFlags flags = NodeFlags.None) => new(state, flags);

    public static Node[] Nodes(int count, string image = "old") =>
        Enumerable.Range(1, count).Select(i => Node($"n{i}", image: image)).ToArray();

    public static Job Job(long id, string node, string state = "PENDING", string? comment = null, string partition = "rebuild", string? name = null) =>
        new(id, name ?? RebuildJobs.Name(node), partition, JobStateText.Parse(state), null, state == "PENDING" ? [] : [node], node, true, comment, 1, "root", null, Now, null);

    /// <summary>A user's job running on <paramref name="node"/> in batch until <paramref name="end"/> (null: no end time).</summary>
    public static Job UserJob(long id, string node, DateTimeOffset? end) =>
        new Job(id, "user-" + id, "batch", JobStateText.Parse("RUNNING"), null, [node], null, false, null, 1, "alice", null, Now.AddMinutes(-10), Now.AddMinutes(-10)) { EndTime = end };

    public static Reservation Maintenance(string name, params string[] nodes) =>
        new(name, string.Join(',', nodes), nodes, Now.AddMinutes(-5), Now.AddHours(2), ["MAINT", "IGNORE_JOBS"], "root", "ACTIVE");

    public static ClusterView View(IEnumerable<Node> nodes, IEnumerable<Job>? jobs = null, IEnumerable<Reservation>? reservations = null, DateTimeOffset? now = null)
    {
        var list = nodes.ToArray();
        return new ClusterView(list, jobs?.ToArray() ?? [], reservations?.ToArray() ?? [], list.ToDictionary(n => n.Name, FeatureImageSource.ImageOf), now ?? Now);
    }

    public static RebuildPlan Plan(IEnumerable<string> nodes, int maxDown = 25, RebuildStrategy strategy = RebuildStrategy.Job, string image = "new") =>
        new("rb-test", image, strategy, maxDown, Now, PlanStatus.Running, nodes.Select(n => new PlannedNode(n, RebuildStep.Waiting, Now)).ToArray());

    /// <summary>Leaf switches s1, s2, … of <paramref name="size"/> consecutive nodes each (n1..n4 in s1, n5..n8 in s2, …).</summary>
    public static Topology Switches(int nodes, int size) =>
        new(Enumerable.Range(0, (nodes + size - 1) / size)
            .Select(s => new TopologyDomain($"s{s + 1}", TopologyKind.Switch, Enumerable.Range((s * size) + 1, Math.Min(size, nodes - (s * size))).Select(i => $"n{i}").ToArray()))
            .ToArray());

    public static RebuildPlan WithStep(this RebuildPlan plan, string node, RebuildStep step, long? job = null, DateTimeOffset? since = null) =>
        plan.With(plan.Find(node)! with { Step = step, JobId = job, Since = since ?? Now });
}
