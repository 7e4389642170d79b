using System.Text.Json;
using HpcMaint.Core;

namespace HpcMaint.Adapters.Cloud.Oci;

/// <summary>Instances: read, list, reset, tag, and a reset followed until the instance runs again.</summary>
public sealed partial class OciClient
{
    public async Task<Result<OciInstance>> GetInstanceAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        var call = await CallAsync(
            new OciRequest(HttpMethod.Get, Url(Endpoints.Compute, "/instances/" + Id(instanceId))),
            OciJson.Default.OciInstance,
            $"GetInstance {instanceId}",
            cancellationToken);
        return call.Map(c => c.Value with { Etag = c.Answer.Etag });
    }

    /// <summary>The instances of one compartment, those with exactly <paramref name="displayName"/> when one is given.</summary>
    public Task<Result<List<OciInstance>>> ListInstancesAsync(string compartmentId, string? displayName = null, CancellationToken cancellationToken = default) =>
        ListAsync(
            Endpoints.Compute,
            "/instances",
            [("compartmentId", compartmentId), ("displayName", displayName)],
            OciJson.Default.ListOciInstance,
            $"ListInstances in {compartmentId}",
            cancellationToken);

    /// <summary>InstanceAction SOFTRESET or RESET; the instance as OCI answered (STOPPING, as a rule) and the request id.</summary>
    public async Task<Result<OciResetAccepted>> ResetAsync(string instanceId, OciResetType type, string retryToken, CancellationToken cancellationToken = default)
    {
        var action = ActionName(type);
        var call = await CallAsync(
            new OciRequest(HttpMethod.Post, Url(Endpoints.Compute, "/instances/" + Id(instanceId), [("action", action)]), [], RetryToken: retryToken),
            OciJson.Default.OciInstance,
            $"InstanceAction {action} of {instanceId}",
            cancellationToken);
        return call.Map(c => new OciResetAccepted(c.Value with { Etag = c.Answer.Etag }, action, c.Answer.RequestId));
    }

    /// <summary>Reads the instance every poll interval until it is RUNNING, has gone, or <paramref name="limit"/> has passed.</summary>
    public async Task<Result<OciInstance>> WaitUntilRunningAsync(string instanceId, TimeSpan limit, CancellationToken cancellationToken = default)
    {
        var deadline = time.GetUtcNow() + limit;
        while (true)
        {
            var instance = await GetInstanceAsync(instanceId, cancellationToken);
            if (!instance.IsSuccess || instance.Value.LifecycleState == OciInstance.Running)
            {
                return instance;
            }

            if (instance.Value.IsGone)
            {
                return Problem.Failed($"instance {instanceId} is {instance.Value.LifecycleState}: it will not run again");
            }

            if (time.GetUtcNow() + options.PollInterval > deadline)
            {
                return new Problem(ProblemKind.TimedOut, $"instance {instanceId} is still {instance.Value.LifecycleState} after {limit.TotalSeconds:0} s");
            }

            await Task.Delay(options.PollInterval, time, cancellationToken);
        }
    }

    /// <summary>The instance's freeform tags replaced by <paramref name="tags"/> (merge first), refused if it changed since <paramref name="etag"/>.</summary>
    public async Task<Result<OciInstance>> UpdateInstanceTagsAsync(
        string instanceId, Dictionary<string, string> tags, string? etag, string retryToken, CancellationToken cancellationToken = default)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(new OciInstanceUpdate { FreeformTags = tags }, OciJson.Default.OciInstanceUpdate);
        var call = await CallAsync(
            new OciRequest(HttpMethod.Put, Url(Endpoints.Compute, "/instances/" + Id(instanceId)), body, etag, retryToken),
            OciJson.Default.OciInstance,
            $"UpdateInstance {instanceId}",
            cancellationToken);
        return call.Map(c => c.Value with { Etag = c.Answer.Etag });
    }

    public static string ActionName(OciResetType type) => type == OciResetType.Hard ? "RESET" : "SOFTRESET";
}
