namespace HpcMaint.Core.Rebuild;

/// <summary>Facts about steps: which are finished, which hold a node out of service for the budget.</summary>
public static class RebuildSteps
{
    public static bool IsFinished(this RebuildStep step) =>
        step is RebuildStep.Skipped or RebuildStep.Done or RebuildStep.Failed or RebuildStep.Cancelled or RebuildStep.Excluded;

    /// <summary>Counted against the budget: a submitted rebuild job takes its node as soon as the
    /// running job ends, a drained node is out of service, and so is a node in its MAINT reservation.</summary>
    public static bool IsInFlight(this RebuildStep step) =>
        step is RebuildStep.Submitting or RebuildStep.Submitted or RebuildStep.Draining or RebuildStep.Rebooting or RebuildStep.Gating
            or RebuildStep.Reserving or RebuildStep.Reserved or RebuildStep.Releasing;

    /// <summary>Lower-case name for tables, JSON and the plan file.</summary>
    public static string Text(this RebuildStep step) => step.ToString().ToLowerInvariant();

    public static bool TryParse(string text, out RebuildStep step) =>
        Enum.TryParse(text, ignoreCase: true, out step) && Enum.IsDefined(step);
}
