using HpcMaint.Core.CloudMaintenance;

namespace HpcMaint.Adapters.CloudMaintenance;

/// <summary>What one pass decided, and each step it carried out with how it went (none in a dry run).</summary>
public sealed record MaintenancePass(MaintenancePlan Plan, IReadOnlyList<string> Done)
{
    /// <summary>What the verb was about: every event for `run`, one node's groups and phases for a per-node verb.</summary>
    public MaintenanceScope Scope { get; init; } = MaintenanceScope.Everything;

    /// <summary>The decisions in <see cref="Scope"/>, in plan order.</summary>
    public IReadOnlyList<EventDecision> Selected { get; init; } = [];

    /// <summary>Steps of those decisions outside the verb's phases, with the verb that carries them out.</summary>
    public IReadOnlyList<string> Left { get; init; } = [];
}
