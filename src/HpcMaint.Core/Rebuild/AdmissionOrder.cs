using System.Globalization;
using HpcMaint.Core.Slurm;

namespace HpcMaint.Core.Rebuild;

/// <summary>
/// The order waiting nodes are considered in: first the nodes whose running work ends first (idle nodes
/// at once, then by their jobs' end times from Slurm, a job with no end time last), plan order among
/// equals. So the budget goes to a node that can start now, not to one still busy while another is idle
/// (the rebuild of n1 = 20 s … n4 = 5 s took 36.6 s in node-name order against 24.6 s).
/// </summary>
public static class AdmissionOrder
{
    /// <summary>
    /// Node → when its user work is expected to end (<see cref="DateTimeOffset.MaxValue"/>: a job with no
    /// end time); with <paramref name="terminatePreemptable"/>, preemptable jobs do not count (they are requeued).
    /// </summary>
    public static Dictionary<string, DateTimeOffset> BusyUntil(ClusterView view, RebuildSettings settings, bool terminatePreemptable = false)
    {
        var until = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        foreach (var job in view.Jobs)
        {
            if (!job.IsActive || job.IsPending || job.Partition == settings.Partition)
            {
                continue;
            }

            var end = job.EndTime ?? DateTimeOffset.MaxValue;
            foreach (var node in job.Nodes)
            {
                if (terminatePreemptable && PreemptableJobs.IsPreemptable(job, node, view, settings))
                {
                    continue;
                }

                if (!until.TryGetValue(node, out var known) || end > known)
                {
                    until[node] = end;
                }
            }
        }

        return until;
    }

    /// <summary>The waiting nodes of <paramref name="plan"/>, the first to be free first.</summary>
    public static IReadOnlyList<PlannedNode> Waiting(RebuildPlan plan, IReadOnlyDictionary<string, DateTimeOffset> busyUntil) =>
        plan.Nodes
            .Where(n => n.Step == RebuildStep.Waiting)
            .Select((n, i) => (Node: n, Index: i, Free: busyUntil.TryGetValue(n.Name, out var end) ? end : DateTimeOffset.MinValue))
            .OrderBy(x => x.Free)
            .ThenBy(x => x.Index)
            .Select(x => x.Node)
            .ToArray();

    /// <summary>"idle", "its jobs end 09:31:05Z", "its jobs have no end time", for the decision's words.</summary>
    public static string Describe(string node, IReadOnlyDictionary<string, DateTimeOffset> busyUntil, DateTimeOffset now) =>
        !busyUntil.TryGetValue(node, out var end) ? "idle"
        : end == DateTimeOffset.MaxValue ? "its jobs have no end time"
        : end <= now ? "its jobs are ending"
        : "its jobs end " + end.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
