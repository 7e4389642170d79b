namespace HpcMaint.Core.Slurm;

/// <summary>
/// The cluster's leaf topology domains as Slurm reports them: leaf switches (topology/tree) or blocks
/// (topology/block). A node is in at most one leaf; <see cref="Empty"/> when Slurm has no topology.
/// </summary>
public sealed class Topology
{
    public static readonly Topology Empty = new([]);

    private readonly Dictionary<string, TopologyDomain> byNode = new(StringComparer.Ordinal);

    public Topology(IReadOnlyList<TopologyDomain> leaves)
    {
        Leaves = leaves;
        foreach (var leaf in leaves)
        {
            foreach (var node in leaf.Nodes)
            {
                byNode.TryAdd(node, leaf);
            }
        }
    }

    public IReadOnlyList<TopologyDomain> Leaves { get; }

    public bool IsEmpty => Leaves.Count == 0;

    /// <summary>The leaf switch or block <paramref name="node"/> is in; null when in none.</summary>
    public TopologyDomain? DomainOf(string node) => byNode.GetValueOrDefault(node);
}
