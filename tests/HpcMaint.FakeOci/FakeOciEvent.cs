namespace HpcMaint.FakeOci;

/// <summary>
/// A maintenance event. Scheduled (an update with timeWindowStart), it starts at that time, is STARTED
/// and PROCESSING one <see cref="FakeOciOptions.EventPhase"/> each, then ends in <see cref="Outcome"/>
/// (SUCCEEDED unless a spec planted FAILED or CANCELED). Its work request moves alongside.
/// </summary>
public sealed class FakeOciEvent(string id, string instanceId, string compartmentId)
{
    public string Id { get; } = id;

    public string InstanceId { get; } = instanceId;

    public string CompartmentId { get; } = compartmentId;

    public string LifecycleState { get; set; } = "SCHEDULED";

    public string MaintenanceCategory { get; set; } = "FLEXIBLE";

    public string MaintenanceReason { get; set; } = "HARDWARE_REPLACEMENT";

    public string InstanceAction { get; set; } = "REBOOT_MIGRATION";

    public DateTimeOffset TimeWindowStart { get; set; }

    public DateTimeOffset? TimeHardDueDate { get; set; }

    public DateTimeOffset? TimeStarted { get; set; }

    public DateTimeOffset? TimeFinished { get; set; }

    public string? CorrelationToken { get; set; }

    public Dictionary<string, string> AdditionalDetails { get; set; } = new(StringComparer.Ordinal);

    public Dictionary<string, string> FreeformTags { get; set; } = new(StringComparer.Ordinal);

    /// <summary>How a scheduled event ends.</summary>
    public string Outcome { get; set; } = "SUCCEEDED";

    /// <summary>When an update scheduled it; null while OCI's own window stands.</summary>
    public DateTimeOffset? ScheduledFor { get; set; }

    public string? WorkRequestId { get; set; }

    public int Version { get; set; } = 1;

    public int Schedules { get; set; }

    public string Etag => "ime-" + Version;

    public void Advance(DateTimeOffset now, FakeOciOptions options)
    {
        if (ScheduledFor is not { } start || LifecycleState is "SUCCEEDED" or "FAILED" or "CANCELED" || now < start)
        {
            return;
        }

        var state = now - start < options.EventPhase ? "STARTED" : now - start < 2 * options.EventPhase ? "PROCESSING" : Outcome;
        if (state == LifecycleState)
        {
            return;
        }

        LifecycleState = state;
        TimeStarted ??= start;
        if (state is "SUCCEEDED" or "FAILED" or "CANCELED")
        {
            TimeFinished = start + 2 * options.EventPhase;
        }

        Version++;
    }

    /// <summary>The list's summary leaves out additionalDetails, lifecycleDetails and canDeleteLocalStorage, as OCI's does.</summary>
    public Dictionary<string, object?> Json(bool full)
    {
        var json = new Dictionary<string, object?>
        {
            ["id"] = Id,
            ["instanceId"] = InstanceId,
            ["compartmentId"] = CompartmentId,
            ["displayName"] = "DOWNTIME_HOST_MAINTENANCE",
            ["maintenanceCategory"] = MaintenanceCategory,
            ["maintenanceReason"] = MaintenanceReason,
            ["instanceAction"] = InstanceAction,
            ["alternativeResolutionActions"] = new[] { "REBOOT_MIGRATION" },
            ["timeWindowStart"] = Time(TimeWindowStart),
            ["startWindowDuration"] = "PT2H",
            ["estimatedDuration"] = "PT1H",
            ["timeHardDueDate"] = TimeHardDueDate is { } due ? Time(due) : null,
            ["timeStarted"] = TimeStarted is { } started ? Time(started) : null,
            ["timeFinished"] = TimeFinished is { } finished ? Time(finished) : null,
            ["canReschedule"] = true,
            ["timeCreated"] = "2026-12-01T08:00:00.000Z",
            ["lifecycleState"] = LifecycleState,
            ["createdBy"] = "SYSTEM",
            ["correlationToken"] = CorrelationToken,
            ["freeformTags"] = FreeformTags,
            ["definedTags"] = new Dictionary<string, object>(),
        };
        if (full)
        {
            json["additionalDetails"] = AdditionalDetails;
            json["lifecycleDetails"] = LifecycleState == "FAILED" ? "the repair did not complete" : null;
            json["canDeleteLocalStorage"] = false;
        }

        return json;
    }

    public static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
