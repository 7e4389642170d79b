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
    /// When the node's reservation should start, as the seed's operator does: the latest expected end of
    /// its non-preemptable jobs (not the rebuild partition's); with only preemptable jobs, the latest of
    /// theirs, or now with <paramref name="terminatePreemptable"/> (they are requeued once it has started).
    /// Whole seconds, rounded up; null: now (nothing runs there, or it has ended). Which jobs are
    /// preemptable: <see cref="PreemptableJobs"/>.
    /// </summary>
    public static DateTimeOffset? Start(string node, ClusterView view, RebuildSettings settings, bool terminatePreemptable)
    {
        var running = RunningOn(node, view, settings)
            .Select(j => (End: j.EndTime ?? view.Now + UnknownEnd, Preemptable: PreemptableJobs.IsPreemptable(j, node, view, settings)))
            .ToArray();
        var holding = running.Where(j => !j.Preemptable).ToArray();
        if (holding.Length == 0 && terminatePreemptable)
        {
            return null;
        }

        var ends = (holding.Length > 0 ? holding : running).Select(j => j.End).ToArray();
        if (ends.Length == 0)
        {
            return null;
        }

        var last = ends.Max();
        var seconds = DateTimeOffset.FromUnixTimeSeconds((last.ToUnixTimeMilliseconds() + 999) / 1000);
        return seconds <= view.Now ? null : seconds;
    }

    /// <summary>
    /// The jobs to requeue on the node once its reservation has started (--terminate-preemptable): the
    /// preemptable ones running there, never one of the rebuild partition or one not preemptable; none
    /// while a non-preemptable job still runs there (the node waits for it anyway, so their work would be
    /// lost for nothing).
    /// </summary>
    public static IReadOnlyList<Job> ToRequeue(string node, ClusterView view, RebuildSettings settings)
    {
        var running = RunningOn(node, view, settings).Select(j => (Job: j, Preemptable: PreemptableJobs.IsPreemptable(j, node, view, settings))).ToArray();
        return running.Any(j => !j.Preemptable) ? [] : running.Where(j => j.Job.IsRunning).Select(j => j.Job).ToArray();
    }

    private static IEnumerable<Job> RunningOn(string node, ClusterView view, RebuildSettings settings) =>
        view.Jobs.Where(j => j.IsActive && !j.IsPending && j.Partition != settings.Partition && j.Nodes.Contains(node, StringComparer.Ordinal));

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
