using HpcMaint.Core.Config;

namespace HpcMaint.Core.CloudMaintenance;

/// <summary>
/// What the health gate after a maintenance leads to: its verdict kept first; passed → the node is resumed, then
/// the event marked processed; failed → the node stays out of service, drained for a person with a ticket, then
/// the event marked (<see cref="MaintenanceFailure"/>, with on_failure between). A pass killed after the verdict was kept carries on from it (<see cref="Carry"/>): the node
/// already resumed is only marked, a failed one drained again (which keeps its ticket) and marked.
/// </summary>
public static class MaintenanceGate
{
    public const string PassedOutcome = "succeeded: gate passed, back in service";

    public const string FailedOutcome = "failed: gate failed";

    public static IReadOnlyList<MaintenanceAction> Ended(string eventId, string node, bool passed, string detail, DateTimeOffset at, OciMaintenanceSettings settings) =>
        [new MaintenanceAction.RecordGate(eventId, node, passed, detail, at), .. Carry(eventId, node, passed, detail, drainedForEvent: true, settings, record: null)];

    /// <summary>
    /// The steps after a kept verdict; <paramref name="drainedForEvent"/>: the node is still in hpcmaint's drain for the event;
    /// <paramref name="record"/>: what is kept of the event (whether on_failure already ran).
    /// </summary>
    public static IReadOnlyList<MaintenanceAction> Carry(string eventId, string node, bool passed, string detail, bool drainedForEvent, OciMaintenanceSettings settings, MaintenanceRecord? record) => passed
        ? drainedForEvent
            ? [new MaintenanceAction.Resume(eventId, node), new MaintenanceAction.MarkProcessed(eventId, PassedOutcome)]
            : [new MaintenanceAction.MarkProcessed(eventId, PassedOutcome)]
        : MaintenanceFailure.Steps(eventId, node, "gate failed: " + detail, FailedOutcome, settings, record);
}
