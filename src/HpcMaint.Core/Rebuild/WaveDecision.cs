namespace HpcMaint.Core.Rebuild;

/// <summary>One pass's decisions for the waiting nodes, and the budgets they were made against.</summary>
public sealed record WaveDecision(IReadOnlyList<NodeDecision> Decisions, IReadOnlyList<PartitionBudget> Budgets)
{
    /// <summary>The leaf switches' or blocks' budgets under --max-down-per-switch (none without it).</summary>
    public IReadOnlyList<SwitchBudget> SwitchBudgets { get; init; } = [];

    public IEnumerable<NodeDecision.Admit> Admitted => Decisions.OfType<NodeDecision.Admit>();

    public IEnumerable<NodeDecision.Defer> Deferred => Decisions.OfType<NodeDecision.Defer>();
}
