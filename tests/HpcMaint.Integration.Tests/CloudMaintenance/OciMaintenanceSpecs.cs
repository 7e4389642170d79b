using System.Text.Json;
using HpcMaint.Integration.Tests.Testbed;

namespace HpcMaint.Integration.Tests.CloudMaintenance;

/// <summary>
/// `hpcmaint oci report|run` (the shipped executable) on the shared 4-node testbed with the fake OCI on 127.0.0.1:
/// events for n1 (running a job) and n2 (idle) with an approved fault code, n3's not approved, n4 excluded. A dry
/// run changes nothing in Slurm or the fake; the report lists every event with its decision and why; passes drain
/// n1 after its job and n2 at once, schedule each once it is idle, once, and never touch n3 or n4; when OCI's
/// maintenance SUCCEEDED the node reboots (the testbed's simulated reboot: a new BootTime), passes the gate and
/// is back in service, its event tagged processed (the one spec of the flow run on every Slurm release). The
/// per-node verbs: each with --dry-run changes nothing (0 writes), then `drain n1`, `maintenance n1`, `health n1`
/// and `finalize n1` take n1's event through, one phase each, while n2's is left alone.
/// </summary>
[Collection(OciTestbedCollection.Name)]
public sealed class OciMaintenanceSpecs(SharedTestbed testbed)
{
    [Fact]
    public async Task A_dry_run_changes_nothing_the_report_says_why_and_passes_take_each_event_from_drain_after_its_job_to_back_in_service_scheduled_once()
    {
        await using var scene = await OciScene.StartAsync(testbed, """
            approved_fault_codes = ["HPCGPU-0001-01"]
            excluded_hosts = ["n4"]
            max_down = 50
            schedule_lead = "0s"
            gate = ["/bin/true"]
            """);
        var fake = scene.Fake;
        var cluster = scene.Cluster;
        var e1 = scene.Plant("n1");
        var e2 = scene.Plant("n2");
        var e3 = scene.Plant("n3", "HPCRDMA-0002-02");
        var e4 = scene.Plant("n4");

        var job = await cluster.SubmitAsync("-w", "n1", "--wrap", "sleep 600");
        Assert.True(await TestbedCluster.WaitUntilAsync(async () => (await cluster.NodeStatesAsync())["n1"] is "allocated" or "mixed", TimeSpan.FromSeconds(60)));
        var before = await cluster.NodeStatesAsync();

        var dry = await scene.HpcmaintAsync("oci", "run", "--dry-run");

        Assert.True(dry.IsSuccess, dry.StandardOutput + dry.StandardError);
        Assert.Equal(0, fake.Cloud.Writes);
        Assert.Equal(before, await cluster.NodeStatesAsync());
        Assert.Contains($"would drain n1 (reason \"hpcmaint: oci-maintenance event={e1.Id}\")", dry.StandardOutput, StringComparison.Ordinal);

        var report = await scene.HpcmaintAsync("oci", "report", "--json");
        Assert.True(report.IsSuccess, report.StandardOutput + report.StandardError);
        using var json = JsonDocument.Parse(report.StandardOutput);
        var decisions = json.RootElement.GetProperty("events").EnumerateArray()
            .ToDictionary(e => e.GetProperty("event").GetString()!, e => (Decision: e.GetProperty("decision").GetString(), Why: e.GetProperty("why").GetString()!));
        Assert.Equal(4, decisions.Count);
        Assert.Equal(("drain", "drain", "report", "report"), (decisions[e1.Id].Decision, decisions[e2.Id].Decision, decisions[e3.Id].Decision, decisions[e4.Id].Decision));
        Assert.Contains("leaves service after its running jobs", decisions[e1.Id].Why, StringComparison.Ordinal);
        Assert.Contains("HPCRDMA-0002-02 is not in [oci.maintenance] approved_fault_codes", decisions[e3.Id].Why, StringComparison.Ordinal);
        Assert.Contains("n4 is in [oci.maintenance] excluded_hosts", decisions[e4.Id].Why, StringComparison.Ordinal);
        Assert.Equal(0, fake.Cloud.Writes);

        var first = await scene.HpcmaintAsync("oci", "run");
        Assert.True(first.IsSuccess, first.StandardOutput + first.StandardError);
        var drained = await cluster.NodeStatesAsync();
        Assert.Equal(("draining", "drained"), (drained["n1"], drained["n2"]));
        Assert.Contains($"hpcmaint: oci-maintenance event={e1.Id}", await cluster.ShowNodeAsync("n1"), StringComparison.Ordinal);
        Assert.Equal((before["n3"], before["n4"]), (drained["n3"], drained["n4"]));

        var second = await scene.HpcmaintAsync("oci", "run");
        Assert.True(second.IsSuccess, second.StandardOutput + second.StandardError);
        fake.Cloud.Change(() => Assert.Equal((0, 1, 0, 0), (e1.Schedules, e2.Schedules, e3.Schedules, e4.Schedules)));

        await cluster.RunClientAsync("scancel", job);
        Assert.True(await TestbedCluster.WaitUntilAsync(async () => (await cluster.NodeStatesAsync())["n1"] == "drained", TimeSpan.FromSeconds(60)));
        var third = await scene.HpcmaintAsync("oci", "run");
        var fourth = await scene.HpcmaintAsync("oci", "run");

        Assert.True(third.IsSuccess && fourth.IsSuccess, third.StandardOutput + third.StandardError + fourth.StandardOutput + fourth.StandardError);
        fake.Cloud.Change(() => Assert.Equal((1, 1, 0, 0), (e1.Schedules, e2.Schedules, e3.Schedules, e4.Schedules)));
        var done = await scene.PassUntilAsync(() => scene.Processed(e1, e2), TimeSpan.FromMinutes(3));

        Assert.True(done, $"not both processed: {string.Join(", ", await cluster.NodeStatesAsync())}");

        Assert.True(await scene.IdleAsync("n1", "n2"), string.Join(", ", await cluster.NodeStatesAsync()) + "\n" + string.Join("\n", scene.Journal()));
        Assert.Equal((1, 1), (scene.Reboots("n1"), scene.Reboots("n2")));
        fake.Cloud.Change(() =>
        {
            Assert.Equal((1, 1, 0, 0), (e1.Schedules, e2.Schedules, e3.Schedules, e4.Schedules));
            Assert.All(new[] { e1, e2 }, e => Assert.Equal("succeeded: gate passed, back in service", e.FreeformTags["maintenance_processed"]));
            Assert.All(new[] { e3, e4 }, e => Assert.False(e.FreeformTags.ContainsKey("maintenance_processed")));
        });
        var journal = scene.Journal();
        Assert.Equal(2, journal.Count(l => l.Contains("\"action\":\"oci.resume\"", StringComparison.Ordinal) && l.Contains("\"outcome\":\"succeeded\"", StringComparison.Ordinal)));
        Assert.Contains(journal, l => l.Contains("\"action\":\"oci.drain\"", StringComparison.Ordinal) && l.Contains("\"node\":\"n1\"", StringComparison.Ordinal));
        Assert.Contains(journal, l => l.Contains("\"action\":\"oci.schedule\"", StringComparison.Ordinal) && l.Contains("\"node\":\"n2\"", StringComparison.Ordinal));
        Assert.DoesNotContain(journal, l => l.Contains("\"action\":\"oci.drain\"", StringComparison.Ordinal) && (l.Contains("\"node\":\"n3\"", StringComparison.Ordinal) || l.Contains("\"node\":\"n4\"", StringComparison.Ordinal)));
    }

    [HostReleaseFact]
    public async Task Each_verb_with_dry_run_changes_nothing_and_drain_maintenance_health_finalize_take_one_node_through_one_phase_each()
    {
        await using var scene = await OciScene.StartAsync(testbed, OciScene.Policy());
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
