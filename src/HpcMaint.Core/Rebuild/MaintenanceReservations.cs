using HpcMaint.Core.Slurm;

namespace HpcMaint.Core.Rebuild;

/// <summary>
/// The reservation strategy's MAINT reservations: one per node, named hpcmaint-PLAN-NODE so that a plan
/// owns exactly the reservations it made (it never touches or counts on one by another name), starting
/// when the node's last running job is expected to end.
/// </summary>
public static class MaintenanceReservations
{
    public const string Prefix = "hpcmaint-";

    /// <summary>A running job with no known end holds its node this long at most, as Slurm's own "unlimited" does (a year).</summary>
    public static readonly TimeSpan UnknownEnd = TimeSpan.FromDays(365);

    public static string Name(string planId, string node) => $"{Prefix}{planId}-{node}";

    /// <summary>The plan's own reservation for the node, by its exact name; null when Slurm has none.</summary>
    public static Reservation? OfPlan(RebuildPlan plan, string node, ClusterView view)
    {
        var name = Name(plan.Id, node);
        return view.Reservations.FirstOrDefault(r => r.Name == name);
    }

    /// <summary>Whether the reservation is one of <paramref name="plan"/>'s (the exact name of one of its nodes').</summary>
    public static bool IsOwnedBy(Reservation reservation, RebuildPlan plan) =>
        plan.Nodes.Any(n => reservation.Name == Name(plan.Id, n.Name));

    /// <summary>
    /// When the node's reservation should start: the latest expected end of the jobs running on it (not
    /// the rebuild partition's), whole seconds, rounded up; null: now (nothing runs there, or it has ended).
    /// </summary>
    public static DateTimeOffset? Start(string node, ClusterView view, RebuildSettings settings)
    {
        var ends = view.Jobs
            .Where(j => j.IsActive && !j.IsPending && j.Partition != settings.Partition && j.Nodes.Contains(node, StringComparer.Ordinal))
            .Select(j => j.EndTime ?? view.Now + UnknownEnd)
            .ToArray();
        if (ends.Length == 0)
        {
            return null;
        }

        var last = ends.Max();
        var seconds = DateTimeOffset.FromUnixTimeSeconds((last.ToUnixTimeMilliseconds() + 999) / 1000);
        return seconds <= view.Now ? null : seconds;
    }

    /// <summary>Started: Slurm shows it active, or its start has passed.</summary>
    public static bool HasStarted(Reservation reservation, DateTimeOffset now) =>
        reservation.State == "ACTIVE" || reservation.StartTime is null || reservation.StartTime <= now;

    /// <summary>
    /// The node may be rebooted now: idle in its reservation (no drain, down, reboot or power flag, no job
    /// running there).
    /// </summary>
    public static bool IsIdleIn(Node node, ClusterView view) =>
        node.State.Base == NodeBaseState.Idle
        && (node.State.Flags & ~(NodeFlags.Maintenance | NodeFlags.Reserved | NodeFlags.Planned | NodeFlags.Cloud | NodeFlags.Dynamic)) == NodeFlags.None
        && !view.Jobs.Any(j => j.IsActive && !j.IsPending && j.Nodes.Contains(node.Name, StringComparer.Ordinal));
}
