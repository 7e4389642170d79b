namespace HpcMaint.Core.Audit;

/// <summary>What became of a recorded decision or action.</summary>
public enum AuditOutcome
{
    /// <summary>A decision (or dry-run "would do"); nothing was executed.</summary>
    Planned,
    Succeeded,
    Failed,
    Skipped,
}
