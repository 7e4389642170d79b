using HpcMaint.Core.Health;
using HpcMaint.Core.Remediation;
using HpcMaint.Core.Slurm;

namespace HpcMaint.Core.Rebuild;

/// <summary>
/// One planning pass's reading of the cluster: sinfo, squeue, reservations and the images (and the
/// topology, when a plan has --max-down-per-switch). The holds come from the nodes' hpcmaint records (in
/// <paramref name="recordField"/>), which sinfo already carries.
/// </summary>
public sealed class ClusterView(
    IReadOnlyList<Node> nodes,
    IReadOnlyList<Job> jobs,
    IReadOnlyList<Reservation> reservations,
    IReadOnlyDictionary<string, NodeImage> images,
    DateTimeOffset now,
    RecordField recordField = RecordField.Comment)
{
    private readonly Dictionary<string, Node> byName = nodes.ToDictionary(n => n.Name, StringComparer.Ordinal);

    public IReadOnlyList<Node> Nodes { get; } = nodes;

    public IReadOnlyList<Job> Jobs { get; } = jobs;

    public IReadOnlyList<Reservation> Reservations { get; } = reservations;

    public DateTimeOffset Now { get; } = now;

    /// <summary>The leaf switches or blocks (scontrol show topology); empty when not read or Slurm has none.</summary>
    public Topology Topology { get; init; } = Topology.Empty;

    /// <summary>The partitions with their PriorityTier and PreemptMode; empty when not read (only the reservation strategy reads them).</summary>
    public IReadOnlyList<Partition> Partitions { get; init; } = [];

    /// <summary>slurm.conf's PreemptType (preempt/none, preempt/partition_prio, preempt/qos); null when not read.</summary>
    public string? PreemptType { get; init; }

    /// <summary>Where the nodes' hpcmaint records are kept ([health] record_field).</summary>
    public RecordField RecordField { get; } = recordField;

    /// <summary>
    /// The same reading as it would stand at <paramref name="at"/> with only <paramref name="jobs"/> left
    /// (the what-if's later passes): everything else read, topology and preemption included, kept.
    /// </summary>
    public ClusterView At(DateTimeOffset at, IReadOnlyList<Job> jobs) =>
        new(Nodes, jobs, Reservations, images, at, RecordField) { Topology = Topology, Partitions = Partitions, PreemptType = PreemptType };

    public Node? Node(string name) => byName.GetValueOrDefault(name);

    public NodeImage ImageOf(string node) =>
        images.TryGetValue(node, out var image) ? image : NodeImage.Unknown("the image source did not report " + node);

    /// <summary>The admin's `hpcmaint hold` on the node, if any (a record hpcmaint cannot read holds nothing).</summary>
    public Hold? HoldOf(string node) =>
        Node(node) is { } n ? NodeRecordField.ReadOrEmpty(n, RecordField).Hold : null;
}
