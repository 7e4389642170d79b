using HpcMaint.Adapters.Cloud.Oci;
using HpcMaint.Adapters.Tests.Oci.Support;
using HpcMaint.Core;
using HpcMaint.FakeOci;

namespace HpcMaint.Adapters.Tests.Oci;

public sealed class OciRetrySpecs
{
    [Fact]
    public async Task Two_500s_are_retried_with_growing_jittered_waits_and_each_try_is_signed_afresh()
    {
        await using var fake = await FakeOciFixture.StartAsync();
        var gpu1 = fake.Cloud.AddInstance("gpu1");
        fake.Cloud.AddFault(new FakeOciFault(500, 2, "GET", "/instances/"));

        var got = await fake.Client().GetInstanceAsync(gpu1.Id);

        Assert.True(got.IsSuccess, got.ToString());
        var tries = fake.Calls("GET", "/instances/");
        Assert.Equal([500, 500, 200], tries.Select(c => c.Status));
        // Jitter pinned at 0.5: 3/4 of 100 ms, then of 200 ms.
        Assert.True(tries[1].Time - tries[0].Time >= TimeSpan.FromMilliseconds(70), $"first wait {tries[1].Time - tries[0].Time}");
        Assert.True(tries[2].Time - tries[1].Time >= TimeSpan.FromMilliseconds(145), $"second wait {tries[2].Time - tries[1].Time}");
    }

    [Fact]
    public async Task A_429_is_retried_after_the_retry_after_OCI_asked_for()
    {
        await using var fake = await FakeOciFixture.StartAsync();
        var gpu1 = fake.Cloud.AddInstance("gpu1");
        fake.Cloud.AddFault(new FakeOciFault(429, 1, "POST", "/instances/", RetryAfterSeconds: 1));

        var reset = await fake.Client().ResetAsync(gpu1.Id, OciResetType.Soft, "t");

        Assert.True(reset.IsSuccess, reset.ToString());
        var tries = fake.Calls("POST", "/instances/");
        Assert.Equal([429, 200], tries.Select(c => c.Status));
        Assert.True(tries[1].Time - tries[0].Time >= TimeSpan.FromMilliseconds(950), "waited for retry-after: 1");
        Assert.Equal(("t", "t"), (tries[0].RetryToken, tries[1].RetryToken));
        Assert.Equal(1, gpu1.Resets);
    }

    [Fact]
    public async Task OCI_that_keeps_failing_is_unreachable_after_the_last_try_with_the_opc_request_id()
    {
        await using var fake = await FakeOciFixture.StartAsync();
        fake.Cloud.AddFault(new FakeOciFault(503, 10, "GET"));

        var listed = await fake.Client(FakeOciFixture.FastOptions with { MaxAttempts = 3 }).ListMaintenanceEventsAsync(OciTestKeys.Tenancy);

        Assert.Equal(ProblemKind.Unreachable, listed.Problem!.Kind);
        Assert.Contains("HTTP 503 InternalServerError: injected by the fake after 3 tries (opc-request-id hpcmaint-", listed.Problem.Words, StringComparison.Ordinal);
        Assert.Equal(3, fake.Cloud.Calls().Count);
    }

    [Fact]
    public async Task A_501_and_a_400_are_not_retried()
    {
        await using var fake = await FakeOciFixture.StartAsync();
        fake.Cloud.AddFault(new FakeOciFault(501, 5, "GET", "/workRequests/"));

        var notImplemented = await fake.Client().GetWorkRequestAsync("ocid1.coreservicesworkrequest.oc1.iad.x");
        var bad = await fake.Client().ListCompartmentsAsync("ocid1.compartment.oc1..notthetenancy");

        Assert.Equal(501, fake.Cloud.Calls()[0].Status);
        Assert.Equal(2, fake.Cloud.Calls().Count);
        Assert.Contains("HTTP 400 InvalidParameter", bad.Problem!.Words, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_answer_at_all_is_unreachable_naming_the_request()
    {
        var closed = OciEndpoints.ForRegion("us-ashburn-1", compute: "http://127.0.0.1:1", identity: "http://127.0.0.1:1");
        using var client = new OciClient(closed, new OciRequestSigner(FakeOciFixture.KeyId, OciTestKeys.Key()), FakeOciFixture.FastOptions with { MaxAttempts = 2 });

        var got = await client.GetInstanceAsync("ocid1.instance.oc1.iad.x");

        Assert.Equal(ProblemKind.Unreachable, got.Problem!.Kind);
        Assert.Contains("GET /20160918/instances/ocid1.instance.oc1.iad.x", got.Problem.Words, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.0, 1, 50)]
    [InlineData(0.999, 1, 100)]
    [InlineData(0.0, 3, 200)]
    [InlineData(0.999, 10, 400)]
    public void The_back_off_is_half_fixed_half_jitter_and_capped(double jitter, int attempt, int expectedMs)
    {
        var sender = new OciSender(new HttpClient(), new OciRequestSigner("k", OciTestKeys.Key()), FakeOciFixture.FastOptions with { Jitter = () => jitter }, TimeProvider.System);

        Assert.InRange(sender.Backoff(attempt).TotalMilliseconds, expectedMs - 1, expectedMs);
    }
}
