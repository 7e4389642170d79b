using HpcMaint.Adapters.Cloud.OpenStack;
using HpcMaint.Adapters.Tests.OpenStack.Support;
using HpcMaint.FakeOpenStack;

namespace HpcMaint.Adapters.Tests.OpenStack;

public sealed class KeystoneSpecs
{
    [Fact]
    public async Task Password_auth_gets_a_token_with_the_catalog()
    {
        await using var fake = await FakeCloudFixture.StartAsync();
        var client = fake.Client(fake.PasswordCloud());

        var token = await client.AuthenticateAsync();

        Assert.True(token.Succeeded, token.ToString());
        Assert.Contains(token.Value.Catalog, e => e.ServiceType == "compute");
        Assert.Equal(201, Assert.Single(fake.Calls("auth")).Status);
    }

    [Fact]
    public async Task Application_credential_auth_gets_a_token_and_sends_no_scope()
    {
        await using var fake = await FakeCloudFixture.StartAsync();
        var client = fake.Client(fake.ApplicationCredentialCloud());

        var server = await client.ShowServerAsync(FakeCloudFixture.IdOf("n1"));

        // The fake refuses an application credential that asks for a scope, as Keystone does.
        Assert.True(server.Succeeded, server.ToString());
    }

    [Fact]
    public async Task A_wrong_secret_is_an_authentication_failure_in_keystones_words()
    {
        await using var fake = await FakeCloudFixture.StartAsync();
        var client = fake.Client(fake.ApplicationCredentialCloud(secret: "wrong"));

        var server = await client.ShowServerAsync(FakeCloudFixture.IdOf("n1"));

        Assert.Equal(OpenStackFailureKind.Authentication, server.Failure!.Kind);
        Assert.Equal(401, server.Failure.Status);
        Assert.Contains("requires authentication", server.Failure.Message, StringComparison.Ordinal);
        Assert.Empty(fake.Calls("show"));
    }

    [Fact]
    public async Task The_token_is_reused_across_calls()
    {
        await using var fake = await FakeCloudFixture.StartAsync();
        var client = fake.Client();

        for (var i = 0; i < 5; i++)
        {
            Assert.True((await client.ShowServerAsync(FakeCloudFixture.IdOf("n1"))).Succeeded);
        }

        Assert.Equal(1, client.Authentications);
        Assert.Single(fake.Calls("auth"));
    }

    [Fact]
    public async Task A_token_near_its_expiry_is_renewed_before_use()
    {
        await using var fake = await FakeCloudFixture.StartAsync();
        var clock = new ShiftedTime();
        var client = fake.Client(time: clock);
        await client.ShowServerAsync(FakeCloudFixture.IdOf("n1"));

        clock.Offset = TimeSpan.FromMinutes(59.5);
        var later = await client.ShowServerAsync(FakeCloudFixture.IdOf("n1"));

        Assert.True(later.Succeeded, later.ToString());
        Assert.Equal(2, client.Authentications);
        Assert.Empty(fake.Calls("unauthorized"));
    }

    [Fact]
    public async Task A_refused_token_is_replaced_once_and_the_call_goes_through()
    {
        await using var fake = await FakeCloudFixture.StartAsync();
        var client = fake.Client();
        await client.ShowServerAsync(FakeCloudFixture.IdOf("n1"));

        fake.Cloud.ExpireTokens();
        var server = await client.ShowServerAsync(FakeCloudFixture.IdOf("n1"));

        Assert.True(server.Succeeded, server.ToString());
        Assert.Equal(2, client.Authentications);
        Assert.Single(fake.Calls("unauthorized"));
    }

    [Fact]
    public async Task A_token_refused_again_after_renewal_is_a_failure_not_a_loop()
    {
        await using var fake = await FakeCloudFixture.StartAsync(new FakeOptions { TokenLifetime = TimeSpan.FromMinutes(-1) });
        var client = fake.Client();

        var server = await client.ShowServerAsync(FakeCloudFixture.IdOf("n1"));

        Assert.Equal(OpenStackFailureKind.Authentication, server.Failure!.Kind);
        Assert.Equal(2, fake.Calls("unauthorized").Count);
    }

    [Theory]
    [InlineData(null, "public", "/compute/v2.1")]
    [InlineData("RegionOne", "internal", "/internal/compute/v2.1")]
    [InlineData("RegionTwo", "public", "/r2/compute/v2.1")]
    public async Task The_compute_endpoint_follows_the_clouds_region_and_interface(string? region, string endpointInterface, string path)
    {
        await using var fake = await FakeCloudFixture.StartAsync();
        var client = fake.Client(fake.PasswordCloud(region, endpointInterface));

        var server = await client.ShowServerAsync(FakeCloudFixture.IdOf("n1"));

        Assert.True(server.Succeeded, server.ToString());
        Assert.StartsWith(path + "/servers/", Assert.Single(fake.Calls("show")).Path, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_region_the_catalog_lacks_is_a_configuration_failure_listing_what_it_offers()
    {
        await using var fake = await FakeCloudFixture.StartAsync();
        var client = fake.Client(fake.PasswordCloud("RegionNine"));

        var server = await client.ShowServerAsync(FakeCloudFixture.IdOf("n1"));

        Assert.Equal(OpenStackFailureKind.Configuration, server.Failure!.Kind);
        Assert.Contains("RegionNine", server.Failure.Message, StringComparison.Ordinal);
        Assert.Contains("public@RegionTwo", server.Failure.Message, StringComparison.Ordinal);
    }
}
