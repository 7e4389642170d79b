using HpcMaint.Core.Slurm;

namespace HpcMaint.Core.Rebuild;

/// <summary>
/// The image from the node's active Slurm features: `image:&lt;IMG&gt;` (set by a node_features helper, or by
/// whatever rebuilds the node with `scontrol update nodename=N activefeatures=…`). Costs no command:
/// sinfo --json already carries the features. No such feature: the node is on no known image.
/// </summary>
public sealed class FeatureImageSource : INodeImageSource
{
    public const string Prefix = "image:";

    public string Name => "slurm features";

    public static NodeImage ImageOf(Node node)
    {
        foreach (var feature in node.ActiveFeatures)
        {
            if (feature.StartsWith(Prefix, StringComparison.Ordinal))
            {
                return NodeImage.Of(feature[Prefix.Length..]);
            }
        }

        return NodeImage.Of(null);
    }

    public Task<IReadOnlyDictionary<string, NodeImage>> ReadAsync(IReadOnlyList<Node> nodes, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyDictionary<string, NodeImage>>(nodes.ToDictionary(n => n.Name, ImageOf, StringComparer.Ordinal));
}
