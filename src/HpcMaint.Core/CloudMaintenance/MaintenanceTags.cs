namespace HpcMaint.Core.CloudMaintenance;

/// <summary>
/// hpcmaint's mark in an event's freeform tags. The schedule attempt goes into the same update as the schedule,
/// so the event itself says whether that schedule took: a pass killed anywhere never schedules it twice.
/// </summary>
public static class MaintenanceTags
{
    public const string Attempt = "hpcmaint_schedule";
}
