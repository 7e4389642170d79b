using HpcMaint.Core.Rebuild;

namespace HpcMaint.Adapters.Rebuild;

/// <summary>How a run of the loop ended: the plan as it stands, whether a signal stopped it (it stays resumable), and a journal that could not be written.</summary>
public sealed record RebuildEnd(RebuildPlan Plan, bool Stopped, string? JournalProblem);
