namespace HpcMaint.Core.Audit;

/// <summary>Which journal records an operator asked for (all criteria must match; null means any).</summary>
public sealed record AuditFilter(
    IReadOnlySet<string>? Nodes = null,
    string? Action = null,
    DateTimeOffset? Since = null,
    DateTimeOffset? Until = null)
{
    public bool Matches(AuditRecord record) =>
        (Nodes is null || (record.Node is not null && Nodes.Contains(record.Node)))
        && (Action is null || string.Equals(record.Action, Action, StringComparison.OrdinalIgnoreCase))
        && (Since is null || record.Timestamp >= Since)
        && (Until is null || record.Timestamp <= Until);
}
