using HpcMaint.Core.Slurm;

namespace HpcMaint.Core.Rebuild;

/// <summary>
/// Where a node's current image comes from (Slurm features, the cloud). One call per planning pass for
/// all nodes, so the cost of a pass does not grow with the number of calls per node.
/// </summary>
public interface INodeImageSource
{
    /// <summary>For messages: "slurm features", "openstack".</summary>
    string Name { get; }

    Task<IReadOnlyDictionary<string, NodeImage>> ReadAsync(IReadOnlyList<Node> nodes, CancellationToken cancellationToken = default);
}
