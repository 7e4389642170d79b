namespace HpcMaint.Core.CloudMaintenance;

/// <summary>
/// What the health gate after a maintenance leads to: passed → the node is resumed, then the event marked
/// processed; failed → the node stays out of service, drained for a person with a ticket, then the event marked.
/// The mark goes last: a pass killed before it finds the node resumed (or drained by the failure) and only marks.
/// </summary>
public static class MaintenanceGate
{
    public static IReadOnlyList<MaintenanceAction> Ended(string eventId, string node, bool passed, string detail) => passed
        ? [new MaintenanceAction.Resume(eventId, node), new MaintenanceAction.MarkProcessed(eventId, "succeeded: gate passed, back in service")]
        : [new MaintenanceAction.DrainFailed(eventId, node, $"event={eventId}: gate failed: {detail}"), new MaintenanceAction.MarkProcessed(eventId, "failed: gate failed")];
}
