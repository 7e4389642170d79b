using HpcMaint.Adapters.OpenStack;
using HpcMaint.Core.Rebuild;
using HpcMaint.Core.Slurm;

namespace HpcMaint.Adapters.Rebuild;

/// <summary>
/// The image of each node's Nova server. One server list per pass, matched to nodes through the mapping
/// (server name, a map file of server ids, or a metadata key), instead of one API call per node.
/// A volume-booted server has no image: that node is reported unknown, neither skipped nor rebuilt.
/// </summary>
public sealed class OpenStackImageSource(OpenStackClient client, ServerMapping mapping) : INodeImageSource
{
    public string Name => "openstack";

    public async Task<IReadOnlyDictionary<string, NodeImage>> ReadAsync(IReadOnlyList<Node> nodes, CancellationToken cancellationToken = default)
    {
        var servers = await client.ListServersAsync(cancellationToken).ConfigureAwait(false);
        if (!servers.Succeeded)
        {
            var problem = "cannot list servers: " + servers.Failure;
            return nodes.ToDictionary(n => n.Name, _ => NodeImage.Unknown(problem), StringComparer.Ordinal);
        }

        return nodes.ToDictionary(n => n.Name, n => ImageOf(n.Name, servers.Value), StringComparer.Ordinal);
    }

    private NodeImage ImageOf(string node, IReadOnlyList<NovaServer> servers)
    {
        var matches = mapping switch
        {
            ServerMapping.ByFile byFile => byFile.ServerIds.TryGetValue(node, out var id) ? servers.Where(s => s.Id == id).ToArray() : [],
            ServerMapping.ByMetadata byMetadata => servers.Where(s => s.Metadata.TryGetValue(byMetadata.Key, out var v) && v == node).ToArray(),
            _ => servers.Where(s => s.Name == node).ToArray(),
        };
        return matches switch
        {
            [var one] when one.ImageId is null => NodeImage.Unknown($"server {one.Id} boots from a volume (no image)"),
            [var one] => NodeImage.Of(one.ImageId),
            [] => NodeImage.Unknown($"no server for {node}"),
            _ => NodeImage.Unknown($"{matches.Length} servers match {node}"),
        };
    }
}
