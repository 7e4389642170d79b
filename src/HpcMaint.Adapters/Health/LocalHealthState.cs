using HpcMaint.Core.Remediation;

namespace HpcMaint.Adapters.Health;

/// <summary>
/// What a node keeps between health runs, on its own disk: strikes, and when slurmctld last said
/// hpcmaint had nothing open on this node (so a passing run may skip asking it again).
/// </summary>
public sealed record LocalHealthState(StrikeBook Strikes, DateTimeOffset? SlurmCheckedAt, bool NothingOpen)
{
    public static readonly LocalHealthState Fresh = new(StrikeBook.Empty, null, false);

    public bool SameAs(LocalHealthState other) =>
        SlurmCheckedAt == other.SlurmCheckedAt && NothingOpen == other.NothingOpen
        && Strikes.Counts.Count == other.Strikes.Counts.Count
        && Strikes.Counts.All(c => other.Strikes.Counts.TryGetValue(c.Key, out var n) && n == c.Value);
}
