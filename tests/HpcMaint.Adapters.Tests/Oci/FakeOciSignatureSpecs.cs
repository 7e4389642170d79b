using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using HpcMaint.Adapters.Cloud.Oci;
using HpcMaint.Adapters.Tests.OpenStack.Support;
using HpcMaint.Adapters.Tests.Oci.Support;
using HpcMaint.Core;

namespace HpcMaint.Adapters.Tests.Oci;

/// <summary>
/// The fake refuses what OCI refuses (401 NotAuthenticated): else a spec passing against it would say
/// nothing about the signer. Each refusal is a request the client would never send, made by hand.
/// </summary>
public sealed class FakeOciSignatureSpecs
{
    private const string Body = """{"freeformTags":{"a":"b"}}""";

    [Fact]
    public async Task A_request_signed_with_another_key_is_refused_and_the_client_says_so()
    {
        await using var fake = await FakeOciFixture.StartAsync();
        var gpu1 = fake.Cloud.AddInstance("gpu1");
        using var other = RSA.Create(2048);

        var got = await fake.Client(key: other).GetInstanceAsync(gpu1.Id);

        Assert.Equal(ProblemKind.Refused, got.Problem!.Kind);
        Assert.Contains("HTTP 401 NotAuthenticated", got.Problem.Words, StringComparison.Ordinal);
        Assert.Contains("does not verify", got.Problem.Words, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_date_more_than_5_minutes_off_is_refused_and_4_minutes_is_accepted()
    {
        await using var fake = await FakeOciFixture.StartAsync();
        var gpu1 = fake.Cloud.AddInstance("gpu1");

        var stale = await fake.Client(time: new ShiftedTime { Offset = TimeSpan.FromMinutes(-6) }).GetInstanceAsync(gpu1.Id);
        var skewed = await fake.Client(time: new ShiftedTime { Offset = TimeSpan.FromMinutes(4) }).GetInstanceAsync(gpu1.Id);

        Assert.Contains("more than 5 minutes from the server's clock", stale.Problem!.Words, StringComparison.Ordinal);
        Assert.True(skewed.IsSuccess, skewed.ToString());
    }

    [Fact]
    public async Task The_client_signs_a_PUT_the_fake_accepts_and_the_same_PUT_without_its_body_hash_is_refused()
    {
        await using var fake = await FakeOciFixture.StartAsync();
        var gpu1 = fake.Cloud.AddInstance("gpu1");
        var url = new Uri(fake.Endpoints.Compute + "/instances/" + gpu1.Id);

        var signed = await SendAsync(fake, HttpMethod.Put, url, Body, (_, _) => { });
        var signedLikeAGet = await SendAsync(fake, HttpMethod.Put, url, Body, (message, _) =>
        {
            var asGet = Signer().Sign(HttpMethod.Get, url, Date(fake), null);
            message.Headers.Remove("authorization");
            message.Headers.TryAddWithoutValidation("authorization", asGet.Authorization.Replace("get ", "put ", StringComparison.Ordinal));
        });

        Assert.Equal(HttpStatusCode.OK, signed.Status);
        Assert.Equal(HttpStatusCode.Unauthorized, signedLikeAGet.Status);
        Assert.Contains("does not cover the required header content-length", signedLikeAGet.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_changed_after_signing_is_refused_for_its_hash()
    {
        await using var fake = await FakeOciFixture.StartAsync();
        var gpu1 = fake.Cloud.AddInstance("gpu1");
        var url = new Uri(fake.Endpoints.Compute + "/instances/" + gpu1.Id);

        var tampered = await SendAsync(fake, HttpMethod.Put, url, Body, (message, _) =>
            message.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(Body.Replace('b', 'c'))) { Headers = { ContentType = new("application/json") } });

        Assert.Equal(HttpStatusCode.Unauthorized, tampered.Status);
        Assert.Contains("x-content-sha256 is not the SHA-256 of the body", tampered.Text, StringComparison.Ordinal);
        Assert.Equal(0, fake.Cloud.Writes);
    }

    [Fact]
    public async Task A_signed_header_missing_from_the_request_and_no_signature_at_all_are_refused()
    {
        await using var fake = await FakeOciFixture.StartAsync();
        var url = new Uri(fake.Endpoints.Compute + "/workRequests/x");

        var noDate = await SendAsync(fake, HttpMethod.Get, url, null, (message, _) => message.Headers.Remove("date"));
        var unsigned = await SendAsync(fake, HttpMethod.Get, url, null, (message, _) => message.Headers.Remove("authorization"));

        Assert.Contains("the signed header date is missing from the request", noDate.Text, StringComparison.Ordinal);
        Assert.Contains("no Authorization: Signature header", unsigned.Text, StringComparison.Ordinal);
    }

    private static OciRequestSigner Signer() => new(FakeOciFixture.KeyId, OciTestKeys.Key());

    private static string Date(FakeOciFixture fake) => fake.Cloud.Now.ToString("r", CultureInfo.InvariantCulture);

    /// <summary>Signs as the client does, lets the spec spoil the message, sends it.</summary>
    private static async Task<(HttpStatusCode Status, string Text)> SendAsync(
        FakeOciFixture fake, HttpMethod method, Uri url, string? body, Action<HttpRequestMessage, OciSignedHeaders> spoil)
    {
        using var http = new HttpClient();
        using var message = new HttpRequestMessage(method, url);
        var bytes = body is null ? null : Encoding.UTF8.GetBytes(body);
        if (bytes is not null)
        {
            message.Content = new ByteArrayContent(bytes);
        }

        var signed = Signer().Sign(method, url, Date(fake), bytes);
        signed.ApplyTo(message);
        spoil(message, signed);
        using var response = await http.SendAsync(message);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
