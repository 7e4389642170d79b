namespace HpcMaint.Adapters.OpenStack;

/// <summary>Server actions: rebuild to an image, soft or hard reboot (POST /servers/{id}/action, 202).</summary>
public sealed partial class OpenStackClient
{
    public async Task<OpenStackResult<ServerActionAccepted>> RebuildAsync(string serverId, string imageId, CancellationToken cancellationToken = default)
    {
        using var slot = await Limiter.EnterAsync(cancellationToken);
        return await RebuildUnlimitedAsync(serverId, imageId, cancellationToken);
    }

    public async Task<OpenStackResult<ServerActionAccepted>> RebootAsync(string serverId, RebootType type, CancellationToken cancellationToken = default)
    {
        using var slot = await Limiter.EnterAsync(cancellationToken);
        var action = type == RebootType.Hard ? "hard reboot" : "soft reboot";
        return await ActionAsync(serverId, action, NovaJson.Reboot(type), cancellationToken);
    }

    private async Task<OpenStackResult<ServerActionAccepted>> RebuildUnlimitedAsync(string serverId, string imageId, CancellationToken cancellationToken)
    {
        var call = await SendActionAsync(serverId, NovaJson.Rebuild(imageId), cancellationToken);
        if (call.Succeeded && call.Value is { Status: 409, Attempts: > 1 })
        {
            // A retried rebuild refused as a conflict: an earlier try may have been carried out although its
            // answer was lost (Nova sets the image and task_state before it answers 202). Then it is under way.
            var server = await ShowAsync(serverId, cancellationToken);
            if (server.Succeeded && server.Value.ImageId == imageId && server.Value.TaskState?.StartsWith("rebuild", StringComparison.Ordinal) == true)
            {
                return OpenStackResult<ServerActionAccepted>.Success(
                    new ServerActionAccepted(serverId, "rebuild", call.Value.RequestId, "accepted on an earlier try whose answer was lost"));
            }
        }

        return Accepted(serverId, "rebuild", call);
    }

    private async Task<OpenStackResult<ServerActionAccepted>> ActionAsync(string serverId, string action, byte[] body, CancellationToken cancellationToken) =>
        Accepted(serverId, action, await SendActionAsync(serverId, body, cancellationToken));

    private Task<OpenStackResult<ApiAnswer>> SendActionAsync(string serverId, byte[] body, CancellationToken cancellationToken) =>
        ComputeAsync(HttpMethod.Post, "/servers/" + Uri.EscapeDataString(serverId) + "/action", body, cancellationToken);

    private static OpenStackResult<ServerActionAccepted> Accepted(string serverId, string action, OpenStackResult<ApiAnswer> call)
    {
        if (!call.Succeeded)
        {
            return OpenStackResult<ServerActionAccepted>.Fail(call.Failure!);
        }

        return call.Value.IsSuccess
            ? OpenStackResult<ServerActionAccepted>.Success(new ServerActionAccepted(serverId, action, call.Value.RequestId))
            : OpenStackResult<ServerActionAccepted>.Fail(call.Value.ToFailure($"{action} of server {serverId}"));
    }
}
