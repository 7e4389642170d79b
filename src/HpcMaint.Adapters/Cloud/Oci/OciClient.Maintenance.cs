using System.Text.Json;
using HpcMaint.Core;

namespace HpcMaint.Adapters.Cloud.Oci;

/// <summary>Compartments, maintenance events and the work requests their updates start.</summary>
public sealed partial class OciClient
{
    /// <summary>Every active compartment under the tenancy, at any depth (the tenancy itself is not among them: OCI leaves it out).</summary>
    public Task<Result<List<OciCompartment>>> ListCompartmentsAsync(string tenancy, CancellationToken cancellationToken = default) =>
        ListAsync(
            Endpoints.Identity,
            "/compartments",
            [("compartmentId", tenancy), ("compartmentIdInSubtree", "true"), ("accessLevel", "ANY"), ("lifecycleState", "ACTIVE")],
            OciJson.Default.ListOciCompartment,
            $"ListCompartments under {tenancy}",
            cancellationToken);

    /// <summary>The events of one compartment (summaries: Get one for its additionalDetails), optionally in one lifecycle state.</summary>
    public Task<Result<List<OciMaintenanceEvent>>> ListMaintenanceEventsAsync(
        string compartmentId, string? lifecycleState = null, string? instanceId = null, CancellationToken cancellationToken = default) =>
        ListAsync(
            Endpoints.Compute,
            "/instanceMaintenanceEvents",
            [("compartmentId", compartmentId), ("lifecycleState", lifecycleState), ("instanceId", instanceId)],
            OciJson.Default.ListOciMaintenanceEvent,
            $"ListInstanceMaintenanceEvents in {compartmentId}",
            cancellationToken);

    /// <summary>One event with every field, and its etag for an update.</summary>
    public async Task<Result<OciMaintenanceEvent>> GetMaintenanceEventAsync(string eventId, CancellationToken cancellationToken = default)
    {
        var call = await CallAsync(
            new OciRequest(HttpMethod.Get, Url(Endpoints.Compute, "/instanceMaintenanceEvents/" + Id(eventId))),
            OciJson.Default.OciMaintenanceEvent,
            $"GetInstanceMaintenanceEvent {eventId}",
            cancellationToken);
        return call.Map(c => c.Value with { Etag = c.Answer.Etag });
    }

    /// <summary>
    /// Reschedules the event and/or replaces its freeform tags (merge them first: the map is replaced
    /// whole). <paramref name="etag"/> makes OCI refuse it (412) if the event changed since it was read;
    /// <paramref name="retryToken"/> makes a repeat of the same update a no-op. Returns the work request.
    /// </summary>
    public async Task<Result<OciAccepted>> UpdateMaintenanceEventAsync(
        string eventId, OciMaintenanceEventUpdate update, string? etag, string retryToken, CancellationToken cancellationToken = default)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(update, OciJson.Default.OciMaintenanceEventUpdate);
        var call = await CallAsync(
            new OciRequest(HttpMethod.Put, Url(Endpoints.Compute, "/instanceMaintenanceEvents/" + Id(eventId)), body, etag, retryToken),
            $"UpdateInstanceMaintenanceEvent {eventId}",
            cancellationToken);
        return call.Map(a => new OciAccepted(a.WorkRequestId, a.RequestId));
    }

    /// <summary>
    /// The processed mark: <paramref name="tag"/>=<paramref name="value"/> added to the event's freeform tags
    /// (read, merged, written with if-match, so a tag set meanwhile by someone else is not lost).
    /// </summary>
    public async Task<Result<OciAccepted>> TagMaintenanceEventAsync(string eventId, string tag, string value, string retryToken, CancellationToken cancellationToken = default)
    {
        var current = await GetMaintenanceEventAsync(eventId, cancellationToken);
        if (!current.IsSuccess)
        {
            return current.Problem!;
        }

        var tags = new Dictionary<string, string>(current.Value.FreeformTags ?? [], StringComparer.Ordinal) { [tag] = value };
        return await UpdateMaintenanceEventAsync(eventId, new OciMaintenanceEventUpdate { FreeformTags = tags }, current.Value.Etag, retryToken, cancellationToken);
    }

    public async Task<Result<OciWorkRequest>> GetWorkRequestAsync(string workRequestId, CancellationToken cancellationToken = default)
    {
        var call = await CallAsync(
            new OciRequest(HttpMethod.Get, Url(Endpoints.Compute, "/workRequests/" + Id(workRequestId))),
            OciJson.Default.OciWorkRequest,
            $"GetWorkRequest {workRequestId}",
            cancellationToken);
        return call.Map(c => c.Value);
    }
}
