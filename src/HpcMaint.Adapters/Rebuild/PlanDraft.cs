using HpcMaint.Core.Rebuild;

namespace HpcMaint.Adapters.Rebuild;

/// <summary>A new plan that passed every check, with the cluster reading it was made from.</summary>
public sealed record PlanDraft(RebuildPlan Plan, ClusterView View)
{
    /// <summary>How long that reading took (a dry run's pass line shows it).</summary>
    public TimeSpan ReadTook { get; init; }
}
