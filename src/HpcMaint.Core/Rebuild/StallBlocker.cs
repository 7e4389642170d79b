namespace HpcMaint.Core.Rebuild;

/// <summary>
/// A node outside the plan's control that keeps it from starting anything: <paramref name="Cause"/> is a
/// short word for metrics (drained, down, reservation, rebuild_job, other), <paramref name="Why"/> the
/// operator's words ("drained by someone else: bios update").
/// </summary>
public sealed record StallBlocker(string Node, string Cause, string Why)
{
    public override string ToString() => $"{Node} ({Why})";
}
