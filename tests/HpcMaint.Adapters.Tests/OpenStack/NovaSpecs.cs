using HpcMaint.Adapters.Cloud.OpenStack;
using HpcMaint.Adapters.Tests.OpenStack.Support;
using HpcMaint.FakeOpenStack;

namespace HpcMaint.Adapters.Tests.OpenStack;

public sealed class NovaSpecs
{
    private const string NewImage = FakeCloudFixture.NewImage;

    [Fact]
    public void A_name_filter_is_anchored_and_escaped()
    {
        Assert.Equal(@"^gpu\.a\[1\]$", ServerNameFilter.ExactPattern("gpu.a[1]"));
    }

    [Fact]
    public async Task Finding_n1_does_not_match_n10()
    {
        await using var fake = await FakeCloudFixture.StartAsync();
        var client = fake.Client();

        var server = await client.FindServerByNameAsync("n1");

        Assert.Equal(FakeCloudFixture.IdOf("n1"), server.Value.Id);
        Assert.Contains("name=%5En1%24", Assert.Single(fake.Calls("list")).Path, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_name_with_no_server_is_not_found()
    {
        await using var fake = await FakeCloudFixture.StartAsync();

        var server = await fake.Client().FindServerByNameAsync("n5");

        Assert.Equal(OpenStackFailureKind.NotFound, server.Failure!.Kind);
    }

    [Fact]
    public async Task Two_servers_with_the_same_name_are_ambiguous_and_both_ids_are_named()
    {
        var twins = new[] { new FakeServer("id-a", "dup", "img"), new FakeServer("id-b", "dup", "img") };
        await using var fake = await FakeCloudFixture.StartAsync(servers: twins);

        var server = await fake.Client().FindServerByNameAsync("dup");

        Assert.Equal(OpenStackFailureKind.Ambiguous, server.Failure!.Kind);
        Assert.Contains("id-a, id-b", server.Failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Showing_a_server_reads_status_image_and_task_state()
    {
        await using var fake = await FakeCloudFixture.StartAsync();

        var server = await fake.Client().ShowServerAsync(FakeCloudFixture.IdOf("n2"));

        Assert.Equal(("n2", "ACTIVE", FakeCloudFixture.OldImage, (string?)null), (server.Value.Name, server.Value.Status, server.Value.ImageId, server.Value.TaskState));
    }

    [Fact]
    public async Task A_missing_server_is_not_found_with_novas_message()
    {
        await using var fake = await FakeCloudFixture.StartAsync();

        var server = await fake.Client().ShowServerAsync("no-such-id");

        Assert.Equal(OpenStackFailureKind.NotFound, server.Failure!.Kind);
        Assert.Contains("Instance no-such-id could not be found", server.Failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rebuild_is_accepted_and_sends_the_image_and_the_microversion()
    {
        await using var fake = await FakeCloudFixture.StartAsync();
        var client = fake.Client(options: FakeCloudFixture.FastOptions with { ComputeApiVersion = "2.93" });

        var accepted = await client.RebuildAsync(FakeCloudFixture.IdOf("n1"), NewImage);

        Assert.True(accepted.Succeeded, accepted.ToString());
        Assert.StartsWith("req-", accepted.Value.RequestId, StringComparison.Ordinal);
        var call = Assert.Single(fake.Calls("rebuild"));
        Assert.Equal((202, "compute 2.93"), (call.Status, call.Microversion));
        Assert.Equal(NewImage, fake.Cloud.Find("n1")!.ImageId);
    }

    [Fact]
    public async Task A_rebuild_is_followed_through_rebuilding_and_spawning_to_active_on_the_new_image()
    {
        await using var fake = await FakeCloudFixture.StartAsync();
        var client = fake.Client();

        var done = await client.RebuildAndWaitAsync(FakeCloudFixture.IdOf("n1"), NewImage, TimeSpan.FromSeconds(10));

        Assert.True(done.Succeeded, done.ToString());
        Assert.Equal(("ACTIVE", NewImage, (string?)null), (done.Value.Status, done.Value.ImageId, done.Value.TaskState));
        Assert.True(fake.Calls("show").Count >= 3, "polled while the rebuild ran");
    }

    [Fact]
    public async Task A_second_rebuild_while_the_first_runs_is_a_conflict()
    {
        await using var fake = await FakeCloudFixture.StartAsync();
        var client = fake.Client();
        await client.RebuildAsync(FakeCloudFixture.IdOf("n1"), NewImage);

        var second = await client.RebuildAsync(FakeCloudFixture.IdOf("n1"), NewImage);

        Assert.Equal((OpenStackFailureKind.Conflict, 409), (second.Failure!.Kind, second.Failure.Status));
        Assert.Contains("task_state rebuilding", second.Failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_soft_reboot_of_a_paused_server_is_a_conflict_and_a_hard_reboot_of_a_stopped_one_is_accepted()
    {
        await using var fake = await FakeCloudFixture.StartAsync();
        fake.Cloud.SetState("n1", "PAUSED", null);
        fake.Cloud.SetState("n2", "SHUTOFF", null);
        var client = fake.Client();

        var soft = await client.RebootAsync(FakeCloudFixture.IdOf("n1"), RebootType.Soft);
        var hard = await client.RebootAsync(FakeCloudFixture.IdOf("n2"), RebootType.Hard);

        Assert.Equal(OpenStackFailureKind.Conflict, soft.Failure!.Kind);
        Assert.True(hard.Succeeded, hard.ToString());
        Assert.Equal("HARD_REBOOT", fake.Cloud.Find("n2")!.Status);
        Assert.Equal(["reboot-soft", "reboot-hard"], fake.Cloud.Log().Calls.Where(c => c.Action.StartsWith("reboot", StringComparison.Ordinal)).Select(c => c.Action));
    }

    [Fact]
    public async Task A_rebuild_ending_in_error_fails_with_novas_fault_message()
    {
        await using var fake = await FakeCloudFixture.StartAsync();
        fake.Cloud.PlantRebuildFault("n3", 500, "No valid host was found. There are not enough hosts available.");

        var done = await fake.Client().RebuildAndWaitAsync(FakeCloudFixture.IdOf("n3"), NewImage, TimeSpan.FromSeconds(10));

        Assert.Equal((OpenStackFailureKind.ServerError, 500), (done.Failure!.Kind, done.Failure.Status));
        Assert.Contains("No valid host was found", done.Failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rebuild_not_done_by_the_deadline_times_out_saying_what_it_last_saw()
    {
        await using var fake = await FakeCloudFixture.StartAsync(new FakeOptions { RebuildPhase = TimeSpan.FromMinutes(5) });

        var done = await fake.Client().RebuildAndWaitAsync(FakeCloudFixture.IdOf("n1"), NewImage, TimeSpan.FromMilliseconds(300));

        Assert.Equal(OpenStackFailureKind.TimedOut, done.Failure!.Kind);
        Assert.Contains("task_state=rebuilding", done.Failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_microversion_the_cloud_lacks_is_rejected_with_406()
    {
        await using var fake = await FakeCloudFixture.StartAsync();
        var client = fake.Client(options: FakeCloudFixture.FastOptions with { ComputeApiVersion = "2.999" });

        var server = await client.ShowServerAsync(FakeCloudFixture.IdOf("n1"));

        Assert.Equal((OpenStackFailureKind.Rejected, 406), (server.Failure!.Kind, server.Failure.Status));
    }
}
