using HpcMaint.Adapters.Cloud.Oci;
using HpcMaint.Adapters.Tests.Oci.Support;
using HpcMaint.Core;
using HpcMaint.Core.CloudMaintenance;
using HpcMaint.FakeOci;

namespace HpcMaint.Adapters.Tests.Oci;

/// <summary>Every operation of the OCI client against the fake, which checks each signature as OCI does.</summary>
public sealed class OciClientSpecs
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task ListCompartments_reads_the_whole_subtree_page_by_page()
    {
        await using var fake = await FakeOciFixture.StartAsync(new FakeOciOptions { PageSize = 2 });
        var hpc = fake.Cloud.AddCompartment("hpc");
        var gpu = fake.Cloud.AddCompartment("gpu", hpc);
        fake.Cloud.AddCompartment("h100", gpu);
        fake.Cloud.AddCompartment("a100", gpu);
        fake.Cloud.AddCompartment("web");

        var compartments = await fake.Client().ListCompartmentsAsync(OciTestKeys.Tenancy);

        Assert.True(compartments.IsSuccess, compartments.ToString());
        Assert.Equal(["hpc", "gpu", "h100", "a100", "web"], compartments.Value.Select(c => c.Name));
        var pages = fake.Calls("GET", "/compartments");
        Assert.Equal(3, pages.Count);
        Assert.All(pages, p => Assert.Contains("compartmentIdInSubtree=true", p.Target, StringComparison.Ordinal));
        Assert.Equal([false, true, true], pages.Select(p => p.Target.Contains("page=p", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task ListMaintenanceEvents_follows_opc_next_page_to_the_last_page_and_filters_by_state()
    {
        await using var fake = await FakeOciFixture.StartAsync(new FakeOciOptions { PageSize = 2 });
        var events = Enumerable.Range(1, 5).Select(i => fake.Cloud.AddEvent(fake.Cloud.AddInstance("gpu" + i))).ToList();
        fake.Cloud.Change(() => events[4].LifecycleState = MaintenanceEvent.Canceled);

        var scheduled = await fake.Client().ListMaintenanceEventsAsync(OciTestKeys.Tenancy, MaintenanceEvent.Scheduled);

        Assert.True(scheduled.IsSuccess, scheduled.ToString());
        Assert.Equal(events.Take(4).Select(e => e.Id), scheduled.Value.Select(e => e.Id));
        Assert.All(scheduled.Value, e => Assert.Null(e.AdditionalDetails));
        Assert.Equal(2, fake.Calls("GET", "/instanceMaintenanceEvents?").Count);
    }

    [Fact]
    public async Task GetMaintenanceEvent_gives_every_field_with_the_fault_details_and_the_etag()
    {
        await using var fake = await FakeOciFixture.StartAsync();
        var due = new DateTimeOffset(2026, 12, 20, 0, 0, 0, TimeSpan.Zero);
        var planted = fake.Cloud.AddEvent(fake.Cloud.AddInstance("gpu1"), "HPCGPU-0001-01", "corr-7", due);

        var got = await fake.Client().GetMaintenanceEventAsync(planted.Id);

        Assert.True(got.IsSuccess, got.ToString());
        var e = got.Value;
        Assert.Equal((planted.InstanceId, "SCHEDULED", "corr-7", due, "ime-1"), (e.InstanceId, e.LifecycleState, e.CorrelationToken, e.TimeHardDueDate, e.Etag));
        Assert.Equal(("FLEXIBLE", "HARDWARE_REPLACEMENT", "REBOOT_MIGRATION", true), (e.MaintenanceCategory, e.MaintenanceReason, e.InstanceAction, e.CanReschedule));
        Assert.Contains("\"faultId\":\"HPCGPU-0001-01\"", e.AdditionalDetails!["faultDetails"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scheduling_an_event_now_sends_if_match_and_the_retry_token_and_the_event_runs_to_SUCCEEDED_with_its_work_request()
    {
        await using var fake = await FakeOciFixture.StartAsync();
        var planted = fake.Cloud.AddEvent(fake.Cloud.AddInstance("gpu1"));
        var client = fake.Client();
        var current = (await client.GetMaintenanceEventAsync(planted.Id)).Value;

        var accepted = await client.UpdateMaintenanceEventAsync(
            planted.Id, new OciMaintenanceEventUpdate { TimeWindowStart = fake.Cloud.Now }, current.Etag, "token-1");

        Assert.True(accepted.IsSuccess, accepted.ToString());
        var put = Assert.Single(fake.Calls("PUT", "/instanceMaintenanceEvents/"));
        Assert.Equal(("ime-1", "token-1", 200), (put.IfMatch, put.RetryToken, put.Status));
        var states = new List<string>();
        Assert.True(await FakeOciFixture.EventuallyAsync(async () =>
        {
            var state = (await client.GetMaintenanceEventAsync(planted.Id)).Value.LifecycleState;
            if (states.LastOrDefault() != state)
            {
                states.Add(state);
            }

            return state == MaintenanceEvent.Succeeded;
        }, Patience));
        // The fake moves the event on by its clock, so a poll on a busy machine may miss a short state: the
        // states seen must be the lifecycle's, in its order, ending SUCCEEDED.
        string[] lifecycle = [MaintenanceEvent.Started, MaintenanceEvent.Processing, MaintenanceEvent.Succeeded];
        var seen = states.Where(s => s != MaintenanceEvent.Scheduled).ToArray();
        Assert.All(seen, s => Assert.Contains(s, lifecycle));
        Assert.Equal(seen.OrderBy(s => Array.IndexOf(lifecycle, s)), seen);
        Assert.Equal(MaintenanceEvent.Succeeded, seen[^1]);
        var work = await client.GetWorkRequestAsync(accepted.Value.WorkRequestId!);
        Assert.Equal((OciWorkRequest.Succeeded, "UpdateInstanceMaintenanceEvent", true), (work.Value.Status, work.Value.OperationType, work.Value.IsFinal));
        Assert.Equal(planted.Id, Assert.Single(work.Value.Resources!).Identifier);
        Assert.Equal(1, fake.Cloud.Writes);
    }

    [Theory]
    [InlineData(MaintenanceEvent.Failed)]
    [InlineData(MaintenanceEvent.Canceled)]
    public async Task An_event_can_end_FAILED_or_CANCELED(string outcome)
    {
        await using var fake = await FakeOciFixture.StartAsync();
        var planted = fake.Cloud.AddEvent(fake.Cloud.AddInstance("gpu1"));
        fake.Cloud.Change(() => planted.Outcome = outcome);
        var client = fake.Client();

        var accepted = await client.UpdateMaintenanceEventAsync(planted.Id, new OciMaintenanceEventUpdate { TimeWindowStart = fake.Cloud.Now }, null, "t");

        Assert.True(accepted.IsSuccess, accepted.Problem?.Words);
        Assert.True(await FakeOciFixture.EventuallyAsync(async () => (await client.GetMaintenanceEventAsync(planted.Id)).Value.LifecycleState == outcome, Patience));
    }

    [Fact]
    public async Task A_failed_work_request_leaves_the_event_scheduled_at_its_own_window()
    {
        await using var fake = await FakeOciFixture.StartAsync();
        var planted = fake.Cloud.AddEvent(fake.Cloud.AddInstance("gpu1"));
        var window = planted.TimeWindowStart;
        fake.Cloud.Change(() => fake.Cloud.WorkRequestOutcome = OciWorkRequest.Failed);
        var client = fake.Client();

        var accepted = await client.UpdateMaintenanceEventAsync(planted.Id, new OciMaintenanceEventUpdate { TimeWindowStart = fake.Cloud.Now }, null, "t");

        Assert.True(await FakeOciFixture.EventuallyAsync(async () => (await client.GetWorkRequestAsync(accepted.Value.WorkRequestId!)).Value.Status == OciWorkRequest.Failed, Patience));
        var after = (await client.GetMaintenanceEventAsync(planted.Id)).Value;
        Assert.Equal((MaintenanceEvent.Scheduled, window.ToUnixTimeMilliseconds()), (after.LifecycleState, after.TimeWindowStart!.Value.ToUnixTimeMilliseconds()));
    }

    [Fact]
    public async Task An_update_with_a_stale_etag_is_refused_412_quoting_the_opc_request_id()
    {
        await using var fake = await FakeOciFixture.StartAsync();
        var planted = fake.Cloud.AddEvent(fake.Cloud.AddInstance("gpu1"));

        var refused = await fake.Client().UpdateMaintenanceEventAsync(planted.Id, new OciMaintenanceEventUpdate { TimeWindowStart = fake.Cloud.Now }, "ime-0", "t");

        Assert.Equal(ProblemKind.Refused, refused.Problem!.Kind);
        Assert.Matches(@"UpdateInstanceMaintenanceEvent .*: HTTP 412 NoEtagMatch: .* \(opc-request-id hpcmaint-[0-9a-f]{24}/[0-9A-F]{32}\)$", refused.Problem.Words);
        Assert.Equal(0, fake.Cloud.Writes);
    }

    [Fact]
    public async Task The_same_update_sent_twice_with_one_retry_token_is_carried_out_once()
    {
        await using var fake = await FakeOciFixture.StartAsync();
        var planted = fake.Cloud.AddEvent(fake.Cloud.AddInstance("gpu1"));
        var client = fake.Client();
        var update = new OciMaintenanceEventUpdate { TimeWindowStart = fake.Cloud.Now };

        var first = await client.UpdateMaintenanceEventAsync(planted.Id, update, null, "same-token");
        var second = await client.UpdateMaintenanceEventAsync(planted.Id, update, null, "same-token");

        Assert.Equal(first.Value.WorkRequestId, second.Value.WorkRequestId);
        Assert.Equal((1, 1), (fake.Cloud.Writes, planted.Schedules));
    }

    [Fact]
    public async Task The_processed_mark_is_merged_into_the_events_tags_under_if_match()
    {
        await using var fake = await FakeOciFixture.StartAsync();
        var planted = fake.Cloud.AddEvent(fake.Cloud.AddInstance("gpu1"));
        fake.Cloud.Change(() => planted.FreeformTags["owner"] = "hpc-team");
        var client = fake.Client();

        var tagged = await client.TagMaintenanceEventAsync(planted.Id, "maintenance_processed", "true", "t");

        Assert.True(tagged.IsSuccess, tagged.ToString());
        Assert.Equal(new Dictionary<string, string> { ["owner"] = "hpc-team", ["maintenance_processed"] = "true" }, (await client.GetMaintenanceEventAsync(planted.Id)).Value.FreeformTags);
        Assert.Equal("ime-1", fake.Calls("PUT", "/instanceMaintenanceEvents/").Single().IfMatch);
        Assert.Equal(0, planted.Schedules);
    }

    [Fact]
    public async Task Instances_are_read_listed_by_display_name_and_tagged()
    {
        await using var fake = await FakeOciFixture.StartAsync(new FakeOciOptions { PageSize = 1 });
        var gpu1 = fake.Cloud.AddInstance("gpu1", tags: new() { ["cluster_name"] = "c1" });
        fake.Cloud.AddInstance("gpu2");
        var client = fake.Client();

        var got = await client.GetInstanceAsync(gpu1.Id);
        var all = await client.ListInstancesAsync(OciTestKeys.Tenancy);
        var named = await client.ListInstancesAsync(OciTestKeys.Tenancy, "gpu2");
        var tagged = await client.UpdateInstanceTagsAsync(gpu1.Id, new(got.Value.FreeformTags!) { ["hpcmaint"] = "seen" }, got.Value.Etag, "t");

        Assert.Equal(("gpu1", "RUNNING", "inst-1"), (got.Value.DisplayName, got.Value.LifecycleState, got.Value.Etag));
        Assert.Equal(["gpu1", "gpu2"], all.Value.Select(i => i.DisplayName));
        Assert.Equal("gpu2", Assert.Single(named.Value).DisplayName);
        Assert.Equal("seen", tagged.Value.FreeformTags!["hpcmaint"]);
        Assert.Equal("c1", gpu1.FreeformTags["cluster_name"]);
        Assert.Equal(1, fake.Cloud.Writes);
    }

    [Theory]
    [InlineData(OciResetType.Soft, "action=SOFTRESET")]
    [InlineData(OciResetType.Hard, "action=RESET")]
    public async Task A_reset_is_an_InstanceAction_followed_until_the_instance_runs_again(OciResetType type, string action)
    {
        await using var fake = await FakeOciFixture.StartAsync();
        var gpu1 = fake.Cloud.AddInstance("gpu1");
        var client = fake.Client();

        var reset = await client.ResetAsync(gpu1.Id, type, "t");
        var running = await client.WaitUntilRunningAsync(gpu1.Id, Patience);

        Assert.Equal("STOPPING", reset.Value.Instance.LifecycleState);
        Assert.Equal(OciInstance.Running, running.Value.LifecycleState);
        Assert.Contains(action, Assert.Single(fake.Calls("POST", "/instances/")).Target, StringComparison.Ordinal);
        Assert.True(fake.Calls("GET", "/instances/").Count >= 2, "followed through STOPPING and STARTING");
        Assert.Equal(1, gpu1.Resets);
    }

    [Fact]
    public async Task Following_a_reset_ends_in_a_timeout_or_a_terminated_instance_as_a_problem()
    {
        await using var fake = await FakeOciFixture.StartAsync(new FakeOciOptions { ResetPhase = TimeSpan.FromHours(1) });
        var stuck = fake.Cloud.AddInstance("gpu1");
        var gone = fake.Cloud.AddInstance("gpu2");
        var client = fake.Client();
        await client.ResetAsync(stuck.Id, OciResetType.Soft, "t");
        fake.Cloud.Change(() => gone.LifecycleState = OciInstance.Terminated);

        var timedOut = await client.WaitUntilRunningAsync(stuck.Id, TimeSpan.FromMilliseconds(300));
        var terminated = await client.WaitUntilRunningAsync(gone.Id, Patience);

        Assert.Equal(ProblemKind.TimedOut, timedOut.Problem!.Kind);
        Assert.Contains("is still STOPPING", timedOut.Problem.Words, StringComparison.Ordinal);
        Assert.Contains("is TERMINATED: it will not run again", terminated.Problem!.Words, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_instance_is_not_found_and_a_reset_in_the_wrong_state_is_refused()
    {
        await using var fake = await FakeOciFixture.StartAsync();
        var stopped = fake.Cloud.AddInstance("gpu1");
        fake.Cloud.Change(() => stopped.LifecycleState = "STOPPED");
        var client = fake.Client(FakeOciFixture.FastOptions with { MaxAttempts = 2 });

        var missing = await client.GetInstanceAsync("ocid1.instance.oc1.iad.nope");
        var refused = await client.ResetAsync(stopped.Id, OciResetType.Soft, "t");

        Assert.Equal(ProblemKind.NotFound, missing.Problem!.Kind);
        Assert.Contains("HTTP 404 NotAuthorizedOrNotFound", missing.Problem.Words, StringComparison.Ordinal);
        Assert.Contains("HTTP 409 IncorrectState", refused.Problem!.Words, StringComparison.Ordinal);
        Assert.Contains("after 2 tries", refused.Problem.Words, StringComparison.Ordinal);
    }
}
