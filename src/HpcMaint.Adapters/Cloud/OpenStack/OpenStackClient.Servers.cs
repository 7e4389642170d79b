namespace HpcMaint.Adapters.Cloud.OpenStack;

/// <summary>Reading servers: by id, by exact name, or all of them.</summary>
public sealed partial class OpenStackClient
{
    public async Task<OpenStackResult<NovaServer>> ShowServerAsync(string serverId, CancellationToken cancellationToken = default)
    {
        using var slot = await limiter.EnterAsync(cancellationToken);
        return await ShowAsync(serverId, cancellationToken);
    }

    /// <summary>The one server named exactly <paramref name="name"/>; none or several is a failure that says so.</summary>
    public async Task<OpenStackResult<NovaServer>> FindServerByNameAsync(string name, CancellationToken cancellationToken = default)
    {
        using var slot = await limiter.EnterAsync(cancellationToken);
        var listed = await ListAsync("/servers/detail?name=" + Uri.EscapeDataString(ServerNameFilter.ExactPattern(name)), cancellationToken);
        if (!listed.Succeeded)
        {
            return OpenStackResult<NovaServer>.Fail(listed.Failure!);
        }

        var exact = listed.Value.Where(s => s.Name == name).ToList();
        return exact.Count switch
        {
            1 => OpenStackResult<NovaServer>.Success(exact[0]),
            0 => OpenStackResult<NovaServer>.Fail(OpenStackFailureKind.NotFound, 0, $"no server named '{name}'"),
            _ => OpenStackResult<NovaServer>.Fail(OpenStackFailureKind.Ambiguous, 0,
                $"{exact.Count} servers named '{name}': {string.Join(", ", exact.Select(s => s.Id))}; map the node to one server id"),
        };
    }

    /// <summary>Every server of the project, with detail, following Nova's next-page links.</summary>
    public async Task<OpenStackResult<IReadOnlyList<NovaServer>>> ListServersAsync(CancellationToken cancellationToken = default)
    {
        using var slot = await limiter.EnterAsync(cancellationToken);
        var listed = await ListAsync("/servers/detail", cancellationToken);
        return listed.Succeeded
            ? OpenStackResult<IReadOnlyList<NovaServer>>.Success(listed.Value)
            : OpenStackResult<IReadOnlyList<NovaServer>>.Fail(listed.Failure!);
    }

    private async Task<OpenStackResult<NovaServer>> ShowAsync(string serverId, CancellationToken cancellationToken)
    {
        var call = await ComputeAsync(HttpMethod.Get, "/servers/" + Uri.EscapeDataString(serverId), null, cancellationToken);
        if (!call.Succeeded)
        {
            return OpenStackResult<NovaServer>.Fail(call.Failure!);
        }

        var answer = call.Value;
        if (!answer.IsSuccess)
        {
            return OpenStackResult<NovaServer>.Fail(answer.ToFailure($"server {serverId}"));
        }

        return NovaJson.ParseServerDocument(answer.Body) is { } server
            ? OpenStackResult<NovaServer>.Success(server)
            : OpenStackResult<NovaServer>.Fail(OpenStackFailureKind.BadResponse, answer.Status, $"server {serverId}: the answer is not a server document");
    }

    private async Task<OpenStackResult<List<NovaServer>>> ListAsync(string firstPage, CancellationToken cancellationToken)
    {
        var servers = new List<NovaServer>();
        for (string? page = firstPage; page is not null;)
        {
            var call = await ComputeAsync(HttpMethod.Get, page, null, cancellationToken);
            if (!call.Succeeded)
            {
                return OpenStackResult<List<NovaServer>>.Fail(call.Failure!);
            }

            if (!call.Value.IsSuccess)
            {
                return OpenStackResult<List<NovaServer>>.Fail(call.Value.ToFailure("server list"));
            }

            if (NovaJson.ParseServerList(call.Value.Body) is not var (found, next))
            {
                return OpenStackResult<List<NovaServer>>.Fail(OpenStackFailureKind.BadResponse, call.Value.Status, "server list: the answer is not a list of servers");
            }

            servers.AddRange(found);
            page = found.Count == 0 ? null : next;
        }

        return OpenStackResult<List<NovaServer>>.Success(servers);
    }
}
