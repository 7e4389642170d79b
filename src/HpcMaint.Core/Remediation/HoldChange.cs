namespace HpcMaint.Core.Remediation;

/// <summary>
/// <c>hpcmaint hold</c> and <c>release</c> on one node's record. A hold replaces any earlier one (the newest
/// reason and who set it are what an operator needs); a release of a node that is not held writes nothing.
/// </summary>
public static class HoldChange
{
    /// <summary>The record to write, or null when nothing changes. <paramref name="reason"/> null is a release.</summary>
    public static NodeRecord? Of(NodeRecord record, string? reason, string by, DateTimeOffset now) =>
        reason is not null ? record with { Hold = new Hold(reason.Trim(), by, now) }
        : record.Hold is null ? null
        : record with { Hold = null };
}
