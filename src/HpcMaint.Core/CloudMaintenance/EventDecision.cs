namespace HpcMaint.Core.CloudMaintenance;

/// <summary>What a pass does with one event, why, and the steps that carry it out (none for a report or a wait).</summary>
public sealed record EventDecision(MaintenanceEvent Event, EventVerdict Verdict, string Why, IReadOnlyList<MaintenanceAction> Actions)
{
    public string? Node => Event.Node;

    /// <summary>Taken out of service past the daily cap, the concurrency limit or the budget because its hard due date is near.</summary>
    public bool DueOverride { get; init; }

    public static EventDecision Report(MaintenanceEvent e, string why) => new(e, EventVerdict.Report, why, []);

    public static EventDecision Wait(MaintenanceEvent e, string why) => new(e, EventVerdict.Wait, why, []);

    public override string ToString() => $"{Event.Id} {Node ?? "-"}: {Verdict.ToString().ToLowerInvariant()}: {Why}";
}
