namespace HpcMaint.Adapters.Cloud.OpenStack;

/// <summary>Finds the Nova server of a Slurm node through the configured mapping.</summary>
public sealed class ServerLocator(OpenStackClient client, ServerMapping mapping)
{
    public async Task<OpenStackResult<NovaServer>> LocateAsync(string node, CancellationToken cancellationToken = default)
    {
        switch (mapping)
        {
            case ServerMapping.ByFile byFile:
                return byFile.ServerIds.TryGetValue(node, out var serverId)
                    ? await client.ShowServerAsync(serverId, cancellationToken)
                    : OpenStackResult<NovaServer>.Fail(OpenStackFailureKind.NotFound, 0, $"node {node} is not in {byFile.File}");
            case ServerMapping.ByMetadata byMetadata:
                return await ByMetadataAsync(node, byMetadata.Key, cancellationToken);
            default:
                return await client.FindServerByNameAsync(node, cancellationToken);
        }
    }

    private async Task<OpenStackResult<NovaServer>> ByMetadataAsync(string node, string key, CancellationToken cancellationToken)
    {
        var all = await client.ListServersAsync(cancellationToken);
        if (!all.Succeeded)
        {
            return OpenStackResult<NovaServer>.Fail(all.Failure!);
        }

        var matches = all.Value.Where(s => s.Metadata.TryGetValue(key, out var value) && value == node).ToList();
        return matches.Count switch
        {
            1 => OpenStackResult<NovaServer>.Success(matches[0]),
            0 => OpenStackResult<NovaServer>.Fail(OpenStackFailureKind.NotFound, 0, $"no server has metadata {key}={node}"),
            _ => OpenStackResult<NovaServer>.Fail(OpenStackFailureKind.Ambiguous, 0,
                $"{matches.Count} servers have metadata {key}={node}: {string.Join(", ", matches.Select(s => s.Id))}"),
        };
    }
}
