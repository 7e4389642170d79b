namespace HpcMaint.Core.CloudMaintenance;

/// <summary>
/// What hpcmaint keeps of one event between passes, written before the action it names: when the event's node
/// was taken out of service (for the daily cap), the last schedule attempt asked and its start (so a pass killed
/// before OCI answered asks again with the same retry token), the work request OCI gave for it, and the
/// gate's verdict once it ran (so a pass killed before the verdict's steps were done carries them out).
/// </summary>
public sealed record MaintenanceRecord(string EventId, string Node, DateTimeOffset Started)
{
    public int Attempts { get; init; }

    public DateTimeOffset? ScheduledFor { get; init; }

    public string? WorkRequestId { get; init; }

    /// <summary>The gate after the maintenance passed (true) or failed (false); null until it ran.</summary>
    public bool? GatePassed { get; init; }

    public string? GateDetail { get; init; }

    /// <summary>How [oci.maintenance] on_failure ended ("exit 0", "exit 2: …", "timedout"); null until it ran.</summary>
    public string? OnFailureRan { get; init; }
}
