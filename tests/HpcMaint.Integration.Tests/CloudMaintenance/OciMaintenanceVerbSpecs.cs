using System.Text.Json;
using HpcMaint.Integration.Tests.Testbed;

namespace HpcMaint.Integration.Tests.CloudMaintenance;

/// <summary>
/// The per-node verbs of the shipped executable on the shared testbed with the fake OCI: each with --dry-run
/// changes nothing in Slurm or the fake (0 writes) and says what it would do; then `drain n1`, `maintenance n1`,
/// `health n1` and `finalize n1` take n1's event through, one phase each, while n2's event is left alone.
/// </summary>
[Collection(OciTestbedCollection.Name)]
public sealed class OciMaintenanceVerbSpecs(OciTestbed testbed)
{
    [HostReleaseFact]
    public async Task Each_verb_with_dry_run_changes_nothing_and_drain_maintenance_health_finalize_take_one_node_through_one_phase_each()
    {
        await using var scene = await OciScene.StartAsync(testbed, """
            approved_fault_codes = ["HPCGPU-0001-01"]
            max_down = 100
            schedule_lead = "0s"
            gate = ["/bin/true"]
            """);
        var e1 = scene.Plant("n1");
        var e2 = scene.Plant("n2");
        var before = await scene.Cluster.NodeStatesAsync();

        foreach (var verb in new[] { new[] { "stage" }, ["drain", "n1"], ["maintenance", "n1"], ["health", "n1"], ["finalize", "n1"] })
        {
            var dry = await scene.HpcmaintAsync(["oci", .. verb, "--dry-run"]);
            Assert.True(dry.IsSuccess, dry.StandardOutput + dry.StandardError);
            Assert.Contains("dry run: nothing was changed in Slurm or OCI", dry.StandardOutput, StringComparison.Ordinal);
        }

        Assert.Equal(0, scene.Cloud.Writes);
        Assert.Equal(before, await scene.Cluster.NodeStatesAsync());
        var unknown = await scene.HpcmaintAsync("oci", "drain", "n4");
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("no maintenance event maps to n4 (events map to: n1, n2)", unknown.StandardError, StringComparison.Ordinal);

        var drain = await scene.HpcmaintAsync("oci", "drain", "n1", "--json");
        Assert.True(drain.IsSuccess, drain.StandardOutput + drain.StandardError);
        using (var json = JsonDocument.Parse(drain.StandardOutput))
        {
            Assert.Equal(("drain", "n1"), (json.RootElement.GetProperty("verb").GetString(), json.RootElement.GetProperty("node").GetString()));
            Assert.Equal([e1.Id], json.RootElement.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("event").GetString()));
        }

        var states = await scene.Cluster.NodeStatesAsync();
        Assert.Equal(("drained", "idle"), (states["n1"], states["n2"]));
        var early = await scene.HpcmaintAsync("oci", "finalize", "n1");
        Assert.True(early.IsSuccess, early.StandardOutput + early.StandardError);
        Assert.Contains("left for `hpcmaint oci maintenance n1`", early.StandardOutput, StringComparison.Ordinal);
        Assert.Equal(0, scene.Cloud.Writes);

        Assert.True((await scene.HpcmaintAsync("oci", "maintenance", "n1")).IsSuccess);
        Assert.Equal([1, 0], scene.Schedules(e1, e2));
        Assert.True(await TestbedCluster.WaitUntilAsync(
            async () =>
            {
                await scene.HpcmaintAsync("oci", "report");
                return scene.Read(() => e1.LifecycleState) == "SUCCEEDED";
            },
            TimeSpan.FromSeconds(60)));
        await scene.RebootSucceededAsync();

        var gated = false;
        Assert.True(await TestbedCluster.WaitUntilAsync(
            async () =>
            {
                var health = await scene.HpcmaintAsync("oci", "health", "n1");
                Assert.True(health.IsSuccess, health.StandardOutput + health.StandardError);
                gated = health.StandardOutput.Contains(": gate: ", StringComparison.Ordinal);
                return gated;
            },
            TimeSpan.FromSeconds(60)));
        Assert.Equal("drained", (await scene.Cluster.NodeStatesAsync())["n1"]);
        Assert.False(scene.Processed(e1));

        Assert.True((await scene.HpcmaintAsync("oci", "finalize", "n1")).IsSuccess);
        Assert.True(scene.Processed(e1));
        Assert.True(await scene.IdleAsync("n1", "n2"));
        Assert.Equal([1, 0], scene.Schedules(e1, e2));
        Assert.False(scene.Processed(e2));
        Assert.Empty(scene.Journal("oci.drain", "n2"));
    }
}
