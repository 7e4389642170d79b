namespace HpcMaint.Adapters.Cloud.OpenStack;

/// <summary>Server actions: rebuild to an image, soft or hard reboot (POST /servers/{id}/action, 202).</summary>
public sealed partial class OpenStackClient
{
    public async Task<OpenStackResult<ServerActionAccepted>> RebuildAsync(string serverId, string imageId, CancellationToken cancellationToken = default)
    {
        using var slot = await limiter.EnterAsync(cancellationToken);
        return await RebuildUnlimitedAsync(serverId, imageId, cancellationToken);
    }

    public async Task<OpenStackResult<ServerActionAccepted>> RebootAsync(string serverId, RebootType type, CancellationToken cancellationToken = default)
    {
        using var slot = await limiter.EnterAsync(cancellationToken);
        var action = type == RebootType.Hard ? "hard reboot" : "soft reboot";
        return await ActionAsync(serverId, action, NovaJson.Reboot(type), cancellationToken);
    }

    /// <summary>
    /// A rebuild is not repeated once carried out: a try whose answer was lost (timeout, 5xx) may have
    /// been, and Nova sets the new image before it answers 202. So before a retry, and on a retry's 409,
    /// the server is read: on the target image (rebuilding or done), the rebuild counts as accepted.
    /// Callers rebuild only servers not already on the image, so that reading is unambiguous.
    /// </summary>
    private async Task<OpenStackResult<ServerActionAccepted>> RebuildUnlimitedAsync(string serverId, string imageId, CancellationToken cancellationToken)
    {
        async Task<bool> OnTargetImage(CancellationToken token) =>
            await ShowAsync(serverId, token) is { Succeeded: true } server
            && server.Value.ImageId == imageId
            && (server.Value.TaskState?.StartsWith("rebuild", StringComparison.Ordinal) == true || server.Value.IsSettled || server.Value.Status == "ERROR");

        var call = await SendActionAsync(serverId, NovaJson.Rebuild(imageId), cancellationToken, OnTargetImage);
        if (call.Succeeded && (call.Value.TookEffect || (call.Value is { Status: 409, Attempts: > 1 } && await OnTargetImage(cancellationToken))))
        {
            return OpenStackResult<ServerActionAccepted>.Success(
                new ServerActionAccepted(serverId, "rebuild", call.Value.RequestId, "carried out by an earlier try whose answer was lost"));
        }

        return Accepted(serverId, "rebuild", call);
    }

    private async Task<OpenStackResult<ServerActionAccepted>> ActionAsync(string serverId, string action, byte[] body, CancellationToken cancellationToken) =>
        Accepted(serverId, action, await SendActionAsync(serverId, body, cancellationToken));

    private Task<OpenStackResult<ApiAnswer>> SendActionAsync(
        string serverId, byte[] body, CancellationToken cancellationToken, Func<CancellationToken, Task<bool>>? tookEffect = null) =>
        ComputeAsync(HttpMethod.Post, "/servers/" + Uri.EscapeDataString(serverId) + "/action", body, cancellationToken, tookEffect);

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
