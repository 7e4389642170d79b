namespace HpcMaint.Core.Audit;

/// <summary>
/// One decision or action, as written to the append-only audit journal.
/// Dry runs are recorded too ("would do"), with <see cref="DryRun"/> set.
/// </summary>
public sealed record AuditRecord(
    DateTimeOffset Timestamp,
    string Actor,
    string? Node,
    string Action,
    string? Reason,
    bool DryRun,
    AuditOutcome Outcome,
    IReadOnlyDictionary<string, string> Details)
{
    public static readonly IReadOnlyDictionary<string, string> NoDetails = new Dictionary<string, string>();
}
