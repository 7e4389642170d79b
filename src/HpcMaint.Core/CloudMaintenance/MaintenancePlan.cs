namespace HpcMaint.Core.CloudMaintenance;

/// <summary>A pass's decisions, one per event in the order they were decided (due first), and the cap as it stands after them.</summary>
public sealed record MaintenancePlan(IReadOnlyList<EventDecision> Decisions, int CapUsed, int Cap, int InFlight)
{
    public IEnumerable<MaintenanceAction> Actions => Decisions.SelectMany(d => d.Actions);
}
