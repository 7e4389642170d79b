using System.Text.Json;
using HpcMaint.Adapters.Slurm;
using HpcMaint.Integration.Tests.Slurm;

namespace HpcMaint.Integration.Tests.Rebuild;

/// <summary>`hpcmaint status --partitions` on a real cluster: a MAINT reservation is unavailable, an admin's drain down, both the overlap.</summary>
[Collection(RebuildCollection.Name)]
public sealed class PartitionStatusSpecs(RebuildTestbed testbed)
{
    private const string Reservation = "site-firmware";

    [Fact]
    public async Task A_reservation_and_a_drain_are_counted_apart_and_once_together_in_json_the_table_and_the_metrics_file()
    {
        await testbed.WaitQuietAsync();
        var slurm = TestbedSlurm.Client(testbed.Cluster);
        var metrics = Path.Combine(testbed.HpcmaintDir, "partitions.prom");
        try
        {
            (await slurm.CreateReservationAsync(new ReservationRequest(Reservation, ["n1", "n2"]))).ShouldSucceed();
            foreach (var node in new[] { "n2", "n3" })
            {
                Assert.True((await testbed.Cluster.RunClientAsync("scontrol", "update", "nodename=" + node, "state=drain", "reason=cable check")).Succeeded);
            }

            var json = await testbed.HpcmaintAsync("status", "--partitions", "--json", "--metrics-file", metrics);
            var table = await testbed.HpcmaintAsync("status", "--partitions");

            Assert.True(json.IsSuccess, json.StandardOutput + json.StandardError);
            using var doc = JsonDocument.Parse(json.StandardOutput);
            var batch = Assert.Single(doc.RootElement.EnumerateArray());
            Assert.Equal("batch", batch.GetProperty("partition").GetString());
            Assert.Equal(4, batch.GetProperty("total").GetInt32());
            Assert.Equal(["n1", "n2"], Names(batch, "unavailable"));
            Assert.Equal(["n2", "n3"], Names(batch, "down"));
            Assert.Equal(["n1", "n2", "n3"], Names(batch, "combined"));
            Assert.Equal(["n2"], Names(batch, "overlap"));
            var row = Assert.Single(table.StandardOutput.Split('\n'), l => l.StartsWith("batch ", StringComparison.Ordinal));
            Assert.Contains("3/4 (75.0 %)", row, StringComparison.Ordinal);
            Assert.EndsWith("n[1-3]", row.TrimEnd(), StringComparison.Ordinal);
            Assert.Equal(1, HpcMaint.Tests.Shared.PrometheusText.FileValue(metrics, "hpcmaint_partition_nodes", ("partition", "batch"), ("kind", "overlap")));
            Assert.Equal(3, HpcMaint.Tests.Shared.PrometheusText.FileValue(metrics, "hpcmaint_partition_nodes", ("partition", "batch"), ("kind", "combined")));
        }
        finally
        {
            await slurm.DeleteReservationAsync(Reservation);
            await testbed.RestoreAsync("n2");
            await testbed.RestoreAsync("n3");
        }
    }

    private static string[] Names(JsonElement partition, string name) =>
        partition.GetProperty(name).EnumerateArray().Select(e => e.GetString()!).ToArray();
}
