namespace HpcMaint.Core.CloudMaintenance;

/// <summary>
/// What hpcmaint keeps of one event between passes, written before the action it names: when the event's node
/// was taken out of service (for the daily cap), the last schedule attempt asked and its start (so a pass killed
/// before OCI answered asks again with the same retry token), and the work request OCI gave for it.
/// </summary>
public sealed record MaintenanceRecord(string EventId, string Node, DateTimeOffset Started)
{
    public int Attempts { get; init; }

    public DateTimeOffset? ScheduledFor { get; init; }

    public string? WorkRequestId { get; init; }
}
