namespace HpcMaint.Core.Reboot;

/// <summary>The work handed to the detached worker: who asked (<see cref="RebootCall.Mode"/>) and the nodes' decided actions.</summary>
public sealed record RebootPlan(string Mode, IReadOnlyList<RebootAction> Actions);
