using HpcMaint.Core.Cloud;
using HpcMaint.Core.Rebuild;
using HpcMaint.Core.Slurm;

namespace HpcMaint.Adapters.Cloud;

/// <summary>
/// Each node's image as its cloud instance has it: one listing per pass. When the cloud cannot be read,
/// every node is unknown, neither skipped nor rebuilt. Owns the cloud: disposing this disposes it.
/// </summary>
public sealed class CloudImageSource(ICloud cloud) : INodeImageSource, IDisposable
{
    public string Name => cloud.Name;

    public async Task<IReadOnlyDictionary<string, NodeImage>> ReadAsync(IReadOnlyList<Node> nodes, CancellationToken cancellationToken = default)
    {
        var images = await cloud.ImagesAsync(nodes.Select(n => n.Name).ToArray(), cancellationToken).ConfigureAwait(false);
        return images.IsSuccess
            ? images.Value
            : nodes.DistinctBy(n => n.Name, StringComparer.Ordinal).ToDictionary(n => n.Name, _ => NodeImage.Unknown(images.Problem!.Words), StringComparer.Ordinal);
    }

    public void Dispose() => cloud.Dispose();
}
