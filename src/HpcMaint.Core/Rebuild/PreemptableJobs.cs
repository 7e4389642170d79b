using HpcMaint.Core.Slurm;

namespace HpcMaint.Core.Rebuild;

/// <summary>
/// Which running jobs a MAINT reservation need not wait for. With PreemptType=preempt/partition_prio,
/// Slurm's own rule: the job's partition has a PreemptMode other than OFF (or GANG alone) and another
/// partition on the same node has a higher PriorityTier (the rebuild partition does not count: it would
/// make every job preemptable). preempt/qos needs the accounting QOS lists hpcmaint does not read, and
/// preempt/none preempts nothing: there, and added to partition_prio's, only the partitions the admin
/// names in [rebuild] preemptable_partitions. Nothing else is ever preemptable.
/// </summary>
public static class PreemptableJobs
{
    public const string PartitionPrio = "preempt/partition_prio";

    public static bool IsPreemptable(Job job, string node, ClusterView view, RebuildSettings settings)
    {
        if (settings.PreemptablePartitions.Contains(job.Partition, StringComparer.Ordinal))
        {
            return true;
        }

        if (view.PreemptType != PartitionPrio)
        {
            return false;
        }

        var own = view.Partitions.FirstOrDefault(p => p.Name == job.Partition);
        return own is not null
            && Preempts(own.PreemptMode)
            && view.Partitions.Any(p => p.Name != own.Name && p.Name != settings.Partition && p.PriorityTier > own.PriorityTier && p.Nodes.Contains(node, StringComparer.Ordinal));
    }

    /// <summary>Which rule applies, for --help, status and the journal.</summary>
    public static string Rule(ClusterView view, RebuildSettings settings)
    {
        var named = settings.PreemptablePartitions.Count == 0 ? "none named" : "named: " + string.Join(",", settings.PreemptablePartitions);
        return view.PreemptType == PartitionPrio
            ? $"PreemptType={PartitionPrio}: partitions with PreemptMode not OFF under a higher PriorityTier, plus [rebuild] preemptable_partitions ({named})"
            : $"PreemptType={view.PreemptType ?? "unknown"}: only [rebuild] preemptable_partitions ({named})";
    }

    private static bool Preempts(string mode)
    {
        var parts = mode.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return parts.Any(m => m is not ("OFF" or "GANG"));
    }
}
