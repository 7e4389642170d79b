using HpcMaint.Adapters.Metrics;
using HpcMaint.Core.Rebuild;

namespace HpcMaint.Adapters.Rebuild;

/// <summary>
/// `hpcmaint status --partitions --metrics-file PATH`: each partition's statistics as gauges, for
/// node_exporter's textfile collector (run from a timer). The partition lines are replaced as a whole, so
/// a partition gone from Slurm goes from the file too; other lines in the file are kept.
/// </summary>
public static class PartitionMetrics
{
    public const string Nodes = "hpcmaint_partition_nodes";
    public const string Taken = "hpcmaint_partition_statistics_timestamp_seconds";

    public static IReadOnlyList<MetricChange> Of(IReadOnlyList<PartitionStats> stats, DateTimeOffset at)
    {
        const string help = "Nodes of the partition: total, unavailable (maintenance: MAINT reservation within the lead time, reboot), down (Slurm: down, drain, fail, not responding, powered down), combined (either), overlap (both).";
        var changes = new List<MetricChange>();
        foreach (var s in stats)
        {
            foreach (var (kind, count) in new[] { ("total", s.Total), ("unavailable", s.Unavailable.Count), ("down", s.Down.Count), ("combined", s.Combined.Count), ("overlap", s.Overlap.Count) })
            {
                changes.Add(MetricChange.GaugeTo(Nodes, help, count, ("partition", s.Partition), ("kind", kind)));
            }
        }

        changes.Add(MetricChange.GaugeTo(Taken, "When the partition statistics were taken (Unix time).", at.ToUnixTimeSeconds()));
        return changes;
    }

    /// <summary>Writes the statistics to <paramref name="path"/>; what went wrong, or null.</summary>
    public static string? Write(string path, IReadOnlyList<PartitionStats> stats, DateTimeOffset at)
    {
        var changes = Of(stats, at);
        var problem = CounterFile.Update(path, families =>
        {
            families.Remove(s => s.Name is Nodes or Taken);
            families.Apply(changes);
        });
        return problem is null ? null : $"cannot write {path}: {problem}";
    }
}
