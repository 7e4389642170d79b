using HpcMaint.Adapters.Rebuild;
using HpcMaint.Core.Rebuild;
using HpcMaint.Tests.Shared;

namespace HpcMaint.Adapters.Tests.Rebuild;

/// <summary>`status --partitions --metrics-file`: each partition's statistics as gauges, the partition lines replaced as a whole.</summary>
public sealed class PartitionMetricsSpecs : IDisposable
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.FromUnixTimeSeconds(1_763_700_000);
    private readonly string dir = Directory.CreateTempSubdirectory("hpcmaint-partition-metrics-").FullName;

    private string Path => System.IO.Path.Combine(dir, "partitions.prom");

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [Fact]
    public void Each_partition_has_its_five_counts_and_a_partition_gone_from_slurm_goes_from_the_file_while_other_lines_stay()
    {
        File.WriteAllText(Path, "# HELP site_other Kept.\n# TYPE site_other gauge\nsite_other 7\n");
        var batch = new PartitionStats("batch", 100, ["n1", "n2"], ["n2", "n3", "n4"], ["n1", "n2", "n3", "n4"], ["n2"]);
        var gpu = new PartitionStats("gpu", 4, [], [], [], []);

        Assert.Null(PartitionMetrics.Write(Path, [batch, gpu], T0));
        var samples = PrometheusText.Parse(File.ReadAllText(Path));
        Assert.Equal(
            [100, 2, 3, 4, 1],
            new[] { "total", "unavailable", "down", "combined", "overlap" }.Select(k => samples.Value(PartitionMetrics.Nodes, ("partition", "batch"), ("kind", k))));
        Assert.Equal(4, samples.Value(PartitionMetrics.Nodes, ("partition", "gpu"), ("kind", "total")));
        Assert.Equal(T0.ToUnixTimeSeconds(), samples.Value(PartitionMetrics.Taken));

        Assert.Null(PartitionMetrics.Write(Path, [batch], T0.AddMinutes(1)));
        samples = PrometheusText.Parse(File.ReadAllText(Path));
        Assert.DoesNotContain(samples, s => s.Labels.GetValueOrDefault("partition") == "gpu");
        Assert.Equal(7, samples.Value("site_other"));
    }
}
