namespace HpcMaint.FakeOci;

/// <summary>The work request of an event update: ACCEPTED, then IN_PROGRESS, one phase each, then its outcome.</summary>
public sealed class FakeOciWorkRequest(string id, string compartmentId, string eventId, DateTimeOffset accepted, string outcome)
{
    public string Id { get; } = id;

    public string EventId { get; } = eventId;

    public object Json(DateTimeOffset now, FakeOciOptions options)
    {
        var age = now - accepted;
        var status = age < options.EventPhase / 2 ? "ACCEPTED" : age < options.EventPhase ? "IN_PROGRESS" : outcome;
        return new
        {
            id = Id,
            operationType = "UpdateInstanceMaintenanceEvent",
            status,
            compartmentId,
            resources = new[]
            {
                new { entityType = "instanceMaintenanceEvent", actionType = "UPDATED", identifier = EventId, entityUri = "/20160918/instanceMaintenanceEvents/" + EventId },
            },
            percentComplete = status == "SUCCEEDED" ? 100.0 : status == "ACCEPTED" ? 0.0 : 50.0,
            timeAccepted = FakeOciEvent.Time(accepted),
            timeStarted = status == "ACCEPTED" ? null : FakeOciEvent.Time(accepted + options.EventPhase / 2),
            timeFinished = status is "SUCCEEDED" or "FAILED" or "CANCELED" ? FakeOciEvent.Time(accepted + options.EventPhase) : null,
        };
    }
}
