namespace HpcMaint.Adapters.Cloud.OpenStack;

/// <summary>Following a rebuild to its end: done, failed with Nova's fault, or out of time.</summary>
public sealed partial class OpenStackClient
{
    /// <summary>
    /// Rebuilds and waits for the end, holding one in-flight slot throughout, so that no more than
    /// <see cref="OpenStackClientOptions.MaxInFlight"/> rebuilds run on the cloud at once.
    /// </summary>
    public async Task<OpenStackResult<NovaServer>> RebuildAndWaitAsync(string serverId, string imageId, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var started = await StartRebuildAsync(serverId, imageId, cancellationToken);
        if (!started.Succeeded)
        {
            return OpenStackResult<NovaServer>.Fail(started.Failure!);
        }

        using var slot = started.Value.Slot;
        return await WaitForRebuildAsync(serverId, imageId, timeout, cancellationToken);
    }

    /// <summary>
    /// The first half of <see cref="RebuildAndWaitAsync"/>: on success the rebuild keeps its in-flight slot
    /// (<see cref="RebuildInFlight.Slot"/>) until the caller, having waited for the end, disposes it.
    /// </summary>
    public async Task<OpenStackResult<RebuildInFlight>> StartRebuildAsync(string serverId, string imageId, CancellationToken cancellationToken = default)
    {
        var slot = await limiter.EnterAsync(cancellationToken);
        try
        {
            var accepted = await RebuildUnlimitedAsync(serverId, imageId, cancellationToken);
            if (accepted.Succeeded)
            {
                return OpenStackResult<RebuildInFlight>.Success(new RebuildInFlight(accepted.Value, slot));
            }

            slot.Dispose();
            return OpenStackResult<RebuildInFlight>.Fail(accepted.Failure!);
        }
        catch
        {
            slot.Dispose();
            throw;
        }
    }

    /// <summary>The second half of <see cref="RebuildAndWaitAsync"/>, for a rebuild <see cref="StartRebuildAsync"/> started.</summary>
    public Task<OpenStackResult<NovaServer>> WaitForRebuildAsync(string serverId, string imageId, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        WaitUnlimitedAsync(serverId, imageId, timeout, cancellationToken);

    /// <summary>
    /// Polls the server until it is ACTIVE (or SHUTOFF) with no task and on <paramref name="imageId"/>;
    /// ERROR ends it as a failure carrying Nova's fault message.
    /// </summary>
    private async Task<OpenStackResult<NovaServer>> WaitUnlimitedAsync(string serverId, string imageId, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = time.GetUtcNow() + timeout;
        var lastSeen = "nothing read yet";
        while (true)
        {
            var read = await ShowAsync(serverId, cancellationToken);
            if (read.Succeeded)
            {
                var server = read.Value;
                if (server.Status == "ERROR")
                {
                    return OpenStackResult<NovaServer>.Fail(OpenStackFailureKind.ServerError, server.Fault?.Code ?? 0,
                        $"server {serverId} went to ERROR: {server.Fault?.Message ?? "(Nova gave no fault message)"}");
                }

                if (server.IsSettled && server.ImageId == imageId)
                {
                    return OpenStackResult<NovaServer>.Success(server);
                }

                lastSeen = server.ToString();
            }
            else if (read.Failure!.Kind is OpenStackFailureKind.NotFound or OpenStackFailureKind.Authentication or OpenStackFailureKind.Configuration)
            {
                return OpenStackResult<NovaServer>.Fail(read.Failure);
            }
            else
            {
                lastSeen = read.Failure.ToString();
            }

            var left = deadline - time.GetUtcNow();
            if (left <= TimeSpan.Zero)
            {
                return OpenStackResult<NovaServer>.Fail(OpenStackFailureKind.TimedOut, 0,
                    $"server {serverId} not rebuilt to {imageId} within {timeout}; last seen: {lastSeen}");
            }

            await Task.Delay(left < options.PollInterval ? left : options.PollInterval, time, cancellationToken);
        }
    }
}
