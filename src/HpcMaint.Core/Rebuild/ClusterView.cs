using HpcMaint.Core.Slurm;

namespace HpcMaint.Core.Rebuild;

/// <summary>One planning pass's reading of the cluster: sinfo, squeue, reservations and the images.</summary>
public sealed class ClusterView(
    IReadOnlyList<Node> nodes,
    IReadOnlyList<Job> jobs,
    IReadOnlyList<Reservation> reservations,
    IReadOnlyDictionary<string, NodeImage> images,
    DateTimeOffset now)
{
    private readonly Dictionary<string, Node> byName = nodes.ToDictionary(n => n.Name, StringComparer.Ordinal);

    public IReadOnlyList<Node> Nodes { get; } = nodes;

    public IReadOnlyList<Job> Jobs { get; } = jobs;

    public IReadOnlyList<Reservation> Reservations { get; } = reservations;

    public DateTimeOffset Now { get; } = now;

    public Node? Node(string name) => byName.GetValueOrDefault(name);

    public NodeImage ImageOf(string node) =>
        images.TryGetValue(node, out var image) ? image : NodeImage.Unknown("the image source did not report " + node);
}
