using System.Text.Json;
using HpcMaint.Integration.Tests.Testbed;

namespace HpcMaint.Integration.Tests.CloudMaintenance;

/// <summary>
/// [oci.maintenance]'s policy, kept by the shipped `hpcmaint oci run` on the shared testbed with the fake OCI:
/// the daily cap, a correlation group moved together, a hard due date over the cap, a failed work request
/// rescheduled, a node failing its gate drained for a person with a ticket. hpcmaint's own decisions on the
/// same scontrol and sinfo fields on every release: run on the host's release only.
/// </summary>
[Collection(OciTestbedCollection.Name)]
public sealed class OciMaintenancePolicySpecs(SharedTestbed testbed)
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    [HostReleaseFact]
    public async Task The_daily_cap_holds_two_events_of_four_leave_service_today_and_once_they_are_done_the_other_two_still_wait_for_tomorrow()
    {
        await using var scene = await OciScene.StartAsync(testbed, OciScene.Policy("daily_cap = 2"));
        var events = new[] { scene.Plant("n1"), scene.Plant("n2"), scene.Plant("n3"), scene.Plant("n4") };

        await scene.PassAsync();

        var states = await scene.Cluster.NodeStatesAsync();
        Assert.Equal(("drained", "drained", "idle", "idle"), (states["n1"], states["n2"], states["n3"], states["n4"]));
        Assert.True(await scene.PassUntilAsync(() => scene.Processed(events[0], events[1]), Patience), string.Join("\n", scene.Journal()));
        Assert.True(await scene.IdleAsync("n1", "n2"));

        var report = Decisions(await scene.PassAsync("--json"));
        Assert.Equal([1, 1, 0, 0], scene.Schedules(events));
        Assert.Equal(("done", "done", "wait", "wait"), (report[events[0].Id].Decision, report[events[1].Id].Decision, report[events[2].Id].Decision, report[events[3].Id].Decision));
        Assert.Contains("daily cap: 2 today + 1 = 3 > 2", report[events[2].Id].Why, StringComparison.Ordinal);
        Assert.Equal(("idle", "idle"), ((await scene.Cluster.NodeStatesAsync())["n3"], (await scene.Cluster.NodeStatesAsync())["n4"]));
        Assert.Empty(scene.Journal("oci.drain", "n3"));
        Assert.Empty(scene.Journal("oci.drain", "n4"));
    }

    [HostReleaseFact]
    public async Task A_correlation_group_moves_together_drained_in_one_pass_scheduled_only_once_every_member_is_out_of_jobs_and_never_split_by_the_cap()
    {
        await using var scene = await OciScene.StartAsync(testbed, OciScene.Policy("daily_cap = 3"));
        var a1 = scene.Plant("n1", correlationToken: "repair-a");
        var a2 = scene.Plant("n2", correlationToken: "repair-a");
        var b3 = scene.Plant("n3", correlationToken: "repair-b");
        var b4 = scene.Plant("n4", correlationToken: "repair-b");
        var job = await scene.Cluster.SubmitAsync("-w", "n1", "--wrap", "sleep 600");
        Assert.True(await TestbedCluster.WaitUntilAsync(async () => (await scene.Cluster.NodeStatesAsync())["n1"] is "allocated" or "mixed", TimeSpan.FromSeconds(60)));

        var first = Decisions(await scene.PassAsync("--json"));

        var states = await scene.Cluster.NodeStatesAsync();
        Assert.Equal(("draining", "drained", "idle", "idle"), (states["n1"], states["n2"], states["n3"], states["n4"]));
        Assert.Equal(("wait", "wait"), (first[b3.Id].Decision, first[b4.Id].Decision));
        Assert.Contains("group repair-b (2 events) moves together: daily cap: 2 today + 2 = 4 > 3", first[b3.Id].Why, StringComparison.Ordinal);

        var second = Decisions(await scene.PassAsync("--json"));
        Assert.Equal("wait", second[a2.Id].Decision);
        Assert.Contains("n1 still runs jobs", second[a2.Id].Why, StringComparison.Ordinal);
        Assert.Equal([0, 0, 0, 0], scene.Schedules(a1, a2, b3, b4));

        await scene.Cluster.RunClientAsync("scancel", job);
        Assert.True(await TestbedCluster.WaitUntilAsync(async () => (await scene.Cluster.NodeStatesAsync())["n1"] == "drained", TimeSpan.FromSeconds(60)));
        await scene.PassAsync();
        Assert.Equal([1, 1, 0, 0], scene.Schedules(a1, a2, b3, b4));

        Assert.True(await scene.PassUntilAsync(() => scene.Processed(a1, a2), Patience), string.Join("\n", scene.Journal()));
        Assert.True(await scene.IdleAsync("n1", "n2", "n3", "n4"));
        Assert.Equal([1, 1, 0, 0], scene.Schedules(a1, a2, b3, b4));
        Assert.Empty(scene.Journal("oci.drain", "n3"));
    }

    [HostReleaseFact]
    public async Task An_event_due_before_tomorrow_leaves_service_past_the_spent_daily_cap_journalled_as_a_due_override_while_one_not_due_waits()
    {
        await using var scene = await OciScene.StartAsync(testbed, OciScene.Policy("daily_cap = 1\ndue_within = \"48h\"", scheduleLead: "1h"));
        scene.Plant("n1");
        await scene.PassAsync();
        Assert.Equal("drained", (await scene.Cluster.NodeStatesAsync())["n1"]);

        var due = scene.Plant("n2", hardDueDate: TimeProvider.System.GetUtcNow().AddHours(6));
        var later = scene.Plant("n3");
        var pass = Decisions(await scene.PassAsync("--json"));

        var states = await scene.Cluster.NodeStatesAsync();
        Assert.Equal(("drained", "idle"), (states["n2"], states["n3"]));
        Assert.Equal(("drain", true), (pass[due.Id].Decision, pass[due.Id].DueOverride));
        Assert.Contains("out of jobs before then past daily cap: 1 today + 1 = 2 > 1", pass[due.Id].Why, StringComparison.Ordinal);
        Assert.Equal(("wait", false), (pass[later.Id].Decision, pass[later.Id].DueOverride));
        Assert.Contains("daily cap:", pass[later.Id].Why, StringComparison.Ordinal);
        Assert.Contains(scene.Journal("oci.decision", "n2"), l => l.Contains("\"due_override\":\"true\"", StringComparison.Ordinal) && l.Contains("\"verdict\":\"drain\"", StringComparison.Ordinal));
        Assert.Single(scene.Journal("oci.drain", "n2"));
        Assert.Empty(scene.Journal("oci.drain", "n3"));
    }

    [HostReleaseFact]
    public async Task A_failed_work_request_is_rescheduled_with_the_next_attempt_and_the_event_goes_on_to_back_in_service()
    {
        await using var scene = await OciScene.StartAsync(testbed, OciScene.Policy("max_reschedules = 3"));
        var e1 = scene.Plant("n1");
        scene.Cloud.Change(() => scene.Cloud.WorkRequestOutcome = "FAILED");

        Assert.True(await scene.PassUntilAsync(() => scene.Processed(e1), Patience), string.Join("\n", scene.Journal()));

        Assert.Equal([2], scene.Schedules(e1));
        Assert.Equal("2", scene.Read(() => e1.FreeformTags.GetValueOrDefault("hpcmaint_schedule")));
        Assert.Equal("succeeded: gate passed, back in service", scene.Read(() => e1.FreeformTags[OciScene.ProcessedTag]));
        Assert.Contains(scene.Journal("oci.decision", "n1"), l => l.Contains("FAILED: scheduled again", StringComparison.Ordinal) && l.Contains("(attempt 2 of 4)", StringComparison.Ordinal));
        Assert.True(await scene.IdleAsync("n1"));
        Assert.Equal(1, scene.Reboots("n1"));
    }

    [HostReleaseFact]
    public async Task A_node_failing_its_gate_after_the_maintenance_is_drained_with_an_hpcmaint_reason_and_a_ticket_while_the_other_returns_to_service()
    {
        // on_failure, the operator's terminate command or notification: one line per run, the words it was given.
        var told = Path.Combine(Directory.CreateTempSubdirectory("hpcmaint-on-failure-").FullName, "told");
        var onFailure = $$"""on_failure = ["/bin/sh", "-c", "printf '%s|%s|%s\\n' \"$0\" \"$1\" \"$2\" >> {{told}}"]""";
        await using var scene = await OciScene.StartAsync(testbed, OciScene.Policy(onFailure, gate: """["/bin/sh", "-c", "if [ \"$0\" = n2 ]; then echo 'gpu0: 12 uncorrectable ECC errors' >&2; exit 1; fi"]"""));
        var e1 = scene.Plant("n1");
        var e2 = scene.Plant("n2");

        Assert.True(await scene.PassUntilAsync(() => scene.Processed(e1, e2), Patience), string.Join("\n", scene.Journal()));

        Assert.True(await scene.IdleAsync("n1"));
        var n2 = await scene.Cluster.ShowNodeAsync("n2");
        Assert.Equal("drained", (await scene.Cluster.NodeStatesAsync())["n2"]);
        Assert.Contains($"Reason=hpcmaint: manual: oci.maintenance: event={e2.Id}: gate failed: exit 1: gpu0: 12 uncorrectable ECC errors", n2, StringComparison.Ordinal);
        Assert.Matches("Comment=\\S", n2);
        Assert.DoesNotContain("Comment=(null)", n2, StringComparison.Ordinal);
        Assert.Equal("failed: gate failed", scene.Read(() => e2.FreeformTags[OciScene.ProcessedTag]));
        Assert.Equal("succeeded: gate passed, back in service", scene.Read(() => e1.FreeformTags[OciScene.ProcessedTag]));
        Assert.Contains(scene.Journal("oci.drain_failed", "n2"), l => l.Contains("with a ticket for a person", StringComparison.Ordinal));
        Assert.Empty(scene.Journal("oci.resume", "n2"));
        Assert.Equal([$"n2|{e2.Id}|gate failed: exit 1: gpu0: 12 uncorrectable ECC errors"], File.ReadAllLines(told));
        Assert.Single(scene.Journal("oci.on_failure", "n2"));
    }

    private static Dictionary<string, (string Decision, string Why, bool DueOverride)> Decisions(Adapters.Processes.CommandResult pass)
    {
        using var json = JsonDocument.Parse(pass.StandardOutput);
        return json.RootElement.GetProperty("events").EnumerateArray().ToDictionary(
            e => e.GetProperty("event").GetString()!,
            e => (e.GetProperty("decision").GetString()!, e.GetProperty("why").GetString()!, e.GetProperty("due_override").GetBoolean()));
    }
}
