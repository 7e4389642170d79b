namespace HpcMaint.Core.CloudMaintenance;

/// <summary>
/// What one verb carries out of a pass's plan: the decisions of every event, or of one node's events and the
/// groups they move with (a group is never split, by a verb either), and of their steps those of its phases.
/// The decisions themselves are <see cref="MaintenanceDecider"/>'s, the same as a whole pass's.
/// </summary>
public sealed record MaintenanceScope(string? Node, MaintenancePhase Phases)
{
    public static readonly MaintenanceScope Everything = new(null, MaintenancePhase.All);

    public static MaintenancePhase PhaseOf(MaintenanceAction action) => action switch
    {
        MaintenanceAction.RecordStart or MaintenanceAction.Drain => MaintenancePhase.Drain,
        MaintenanceAction.RecordSchedule or MaintenanceAction.Schedule => MaintenancePhase.Maintenance,
        MaintenanceAction.RunGate => MaintenancePhase.Health,

        // The verdict is kept by the verb that acts on it: `health` alone leaves no trace.
        _ => MaintenancePhase.Finalize,
    };

    public bool Covers(MaintenanceAction action) => (Phases & PhaseOf(action)) != 0;

    /// <summary>The decisions this verb is about, in plan order; none when <see cref="Node"/> has no event.</summary>
    public IReadOnlyList<EventDecision> Select(MaintenancePlan plan)
    {
        if (Node is null)
        {
            return plan.Decisions;
        }

        var groups = plan.Decisions.Where(d => d.Node == Node).Select(d => d.Event.Group).ToHashSet(StringComparer.Ordinal);
        return plan.Decisions.Where(d => groups.Contains(d.Event.Group)).ToArray();
    }

    /// <summary>The verb that carries out <paramref name="action"/> on its own: "hpcmaint oci finalize n1".</summary>
    public static string VerbFor(MaintenanceAction action, string? node) =>
        $"hpcmaint oci {PhaseOf(action).ToString().ToLowerInvariant()}{(node is null ? string.Empty : " " + node)}";
}
