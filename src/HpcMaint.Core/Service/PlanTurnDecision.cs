namespace HpcMaint.Core.Service;

/// <summary>The turn a plan gets in a pass, and why in the operator's words.</summary>
public sealed record PlanTurnDecision(PlanTurn Turn, string Why);
