using HpcMaint.Core.Config;

namespace HpcMaint.Core.CloudMaintenance;

/// <summary>
/// An event that ends with its node out of service for a person: drained with an hpcmaint reason and a ticket,
/// then [oci.maintenance] on_failure (the operator's terminate command or notification) unless an earlier pass
/// already ran it to its end, then the event marked processed. The drain comes first, so a command that hangs or
/// fails never leaves the node in service; the mark comes last, so a pass killed before it carries on.
/// </summary>
public static class MaintenanceFailure
{
    public static IReadOnlyList<MaintenanceAction> Steps(string eventId, string node, string why, string outcome, OciMaintenanceSettings settings, MaintenanceRecord? record) =>
    [
        new MaintenanceAction.DrainFailed(eventId, node, $"event={eventId}: {why}"),
        .. settings.OnFailure.Count > 0 && record?.OnFailureRan is null ? [new MaintenanceAction.RunOnFailure(eventId, node, why)] : Array.Empty<MaintenanceAction>(),
        new MaintenanceAction.MarkProcessed(eventId, outcome),
    ];
}
