using HpcMaint.Adapters.Cloud.OpenStack;
using HpcMaint.Adapters.Tests.OpenStack.Support;
using HpcMaint.FakeOpenStack;

namespace HpcMaint.Adapters.Tests.OpenStack;

public sealed class RetrySpecs
{
    private static readonly string N1 = FakeCloudFixture.IdOf("n1");

    [Fact]
    public async Task Two_500s_are_retried_with_growing_waits_and_the_third_try_succeeds()
    {
        await using var fake = await FakeCloudFixture.StartAsync();
        var client = fake.Client();
        await client.AuthenticateAsync();
        fake.Cloud.AddFault(new FakeFault(500, 2, "GET", "/servers/"));

        var server = await client.ShowServerAsync(N1);

        Assert.True(server.Succeeded, server.ToString());
        var tries = fake.Cloud.Log().Calls.Where(c => c.Method == "GET").ToList();
        Assert.Equal([500, 500, 200], tries.Select(c => c.Status));
        var firstWait = tries[1].Time - tries[0].Time;
        var secondWait = tries[2].Time - tries[1].Time;
        Assert.True(firstWait >= TimeSpan.FromMilliseconds(45), $"first wait {firstWait}");
        Assert.True(secondWait >= TimeSpan.FromMilliseconds(95), $"second wait {secondWait}");
    }

    [Fact]
    public async Task A_429_is_retried_after_the_retry_after_the_cloud_asked_for()
    {
        await using var fake = await FakeCloudFixture.StartAsync();
        var client = fake.Client();
        await client.AuthenticateAsync();
        fake.Cloud.AddFault(new FakeFault(429, 1, "POST", "/action", RetryAfterSeconds: 1));

        var accepted = await client.RebuildAsync(N1, FakeCloudFixture.NewImage);

        Assert.True(accepted.Succeeded, accepted.ToString());
        var tries = fake.Cloud.Log().Calls.Where(c => c.Method == "POST" && c.Path.EndsWith("/action", StringComparison.Ordinal)).ToList();
        Assert.Equal([429, 202], tries.Select(c => c.Status));
        Assert.True(tries[1].Time - tries[0].Time >= TimeSpan.FromMilliseconds(950), "waited for Retry-After: 1");
        Assert.Equal(1, fake.Cloud.Log().RebuildsPerServer[N1]);
    }

    [Fact]
    public async Task A_cloud_that_keeps_failing_is_unavailable_after_the_last_try()
    {
        await using var fake = await FakeCloudFixture.StartAsync();
        var client = fake.Client(options: FakeCloudFixture.FastOptions with { MaxAttempts = 3 });
        await client.AuthenticateAsync();
        fake.Cloud.AddFault(new FakeFault(503, 10, "GET"));

        var server = await client.ShowServerAsync(N1);

        Assert.Equal((OpenStackFailureKind.Unavailable, 503), (server.Failure!.Kind, server.Failure.Status));
        Assert.Contains("after 3 tries", server.Failure.Message, StringComparison.Ordinal);
        Assert.Equal(3, fake.Calls("injected").Count);
    }

    [Fact]
    public async Task A_slow_answer_is_abandoned_at_the_attempt_timeout_and_tried_again()
    {
        await using var fake = await FakeCloudFixture.StartAsync();
        var client = fake.Client(options: FakeCloudFixture.FastOptions with { AttemptTimeout = TimeSpan.FromMilliseconds(300) });
        await client.AuthenticateAsync();
        fake.Cloud.AddDelay(new FakeDelay(TimeSpan.FromSeconds(5), 1, "GET"));
        var started = TimeProvider.System.GetTimestamp();

        var server = await client.ShowServerAsync(N1);

        Assert.True(server.Succeeded, server.ToString());
        Assert.InRange(TimeProvider.System.GetElapsedTime(started), TimeSpan.FromMilliseconds(300), TimeSpan.FromSeconds(3));
    }

    [Fact]
    public async Task A_501_is_not_retried()
    {
        await using var fake = await FakeCloudFixture.StartAsync();
        var client = fake.Client();
        await client.AuthenticateAsync();
        fake.Cloud.AddFault(new FakeFault(501, 5, "GET"));

        var server = await client.ShowServerAsync(N1);

        Assert.Equal(501, server.Failure!.Status);
        Assert.Single(fake.Calls("injected"));
    }

    [Fact]
    public async Task A_rebuild_whose_first_answer_was_lost_is_not_reported_as_a_conflict()
    {
        await using var fake = await FakeCloudFixture.StartAsync();
        var client = fake.Client(options: FakeCloudFixture.FastOptions with { AttemptTimeout = TimeSpan.FromMilliseconds(300) });
        await client.AuthenticateAsync();
        // The first POST is carried out but answered too late: the retry meets the running rebuild.
        fake.Cloud.AddDelay(new FakeDelay(TimeSpan.FromSeconds(1), 1, "POST", "/action", AfterAnswer: true));

        var accepted = await client.RebuildAsync(N1, FakeCloudFixture.NewImage);

        Assert.True(accepted.Succeeded, accepted.ToString());
        Assert.Equal(1, fake.Cloud.Log().RebuildsPerServer[N1]);
    }
}
