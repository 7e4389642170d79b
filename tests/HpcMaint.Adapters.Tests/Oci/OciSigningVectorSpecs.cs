using System.Text;
using HpcMaint.Adapters.Cloud.Oci;

namespace HpcMaint.Adapters.Tests.Oci;

/// <summary>
/// The signer against Oracle's vectors byte for byte (oracle/oci-go-sdk common/http_signer_test.go and the
/// "Request Signatures" documentation), and against three computed with openssl for the requests hpcmaint
/// sends. The date stays the vectors' raw string: 5 Jan 2014 was a Sunday, not the Thursday they say.
/// </summary>
public sealed class OciSigningVectorSpecs
{
    private const string Date = "Thu, 05 Jan 2014 21:31:40 GMT";
    private const string CompartmentV1 = "ocid1.compartment.oc1..aaaaaaaam3we6vgnherjq5q2idnccdflvjsnog7mlr6rtdb25gilchfeyjxa";

    private const string Vector1Url =
        "https://iaas.us-phoenix-1.oraclecloud.com/20160918/instances?availabilityDomain=Pjwf%3A%20PHX-AD-1&compartmentId=" + CompartmentV1
        + "&displayName=TeamXInstances&volumeId=ocid1.volume.oc1.phx.abyhqljrgvttnlx73nmrwfaux7kcvzfs3s66izvxf2h4lgvyndsdsnoiwr5q";

    private const string Vector1Signature =
        "GBas7grhyrhSKHP6AVIj/h5/Vp8bd/peM79H9Wv8kjoaCivujVXlpbKLjMPeDUhxkFIWtTtLBj3sUzaFj34XE6YZAHc9r2DmE4pMwOAy/kiITcZxa1oHPOeRheC0jP2dqbTll8fmTZVwKZOKHYPtrLJIJQHJjNvxFWeHQjMaR7M=";

    private static OciRequestSigner Signer(string key = "test-key-pkcs1.pem") => new(OciTestKeys.ExampleKeyId, OciTestKeys.Key(key));

    [Theory]
    [InlineData("test-key-pkcs1.pem")]
    [InlineData("test-key-pkcs8.pem")]
    public void Vector_1_the_documented_GET_signs_to_the_published_signature_from_either_key_format(string key)
    {
        var signed = Signer(key).Sign(HttpMethod.Get, new Uri(Vector1Url), Date, null);

        Assert.Equal(
            "date: Thu, 05 Jan 2014 21:31:40 GMT\n"
            + "(request-target): get /20160918/instances?availabilityDomain=Pjwf%3A%20PHX-AD-1&compartmentId=" + CompartmentV1
            + "&displayName=TeamXInstances&volumeId=ocid1.volume.oc1.phx.abyhqljrgvttnlx73nmrwfaux7kcvzfs3s66izvxf2h4lgvyndsdsnoiwr5q\n"
            + "host: iaas.us-phoenix-1.oraclecloud.com",
            signed.SigningString);
        Assert.Equal(Vector1Signature, signed.Signature);
    }

    [Fact]
    public void Vector_1_Authorization_header_is_the_published_one_character_for_character()
    {
        var signed = Signer().Sign(HttpMethod.Get, new Uri(Vector1Url), Date, null);

        Assert.Equal(
            "Signature version=\"1\",headers=\"date (request-target) host\",keyId=\"" + OciTestKeys.ExampleKeyId
            + "\",algorithm=\"rsa-sha256\",signature=\"" + Vector1Signature + "\"",
            signed.Authorization);
        Assert.Null(signed.ContentSha256);
    }

    [Fact]
    public void Vector_3_a_host_with_a_port_is_signed_with_the_port()
    {
        var signed = Signer().Sign(HttpMethod.Get, new Uri("http://localhost:7000/api"), Date, null);

        Assert.Equal("date: Thu, 05 Jan 2014 21:31:40 GMT\n(request-target): get /api\nhost: localhost:7000", signed.SigningString);
    }

    [Fact]
    public void S1_listing_maintenance_events_signs_to_the_openssl_signature()
    {
        var url = "https://iaas.us-ashburn-1.oraclecloud.com/20160918/instanceMaintenanceEvents?compartmentId=" + CompartmentV1 + "&lifecycleState=SCHEDULED&limit=100";

        var signed = Signer().Sign(HttpMethod.Get, new Uri(url), Date, null);

        Assert.Equal(
            "date: Thu, 05 Jan 2014 21:31:40 GMT\n"
            + "(request-target): get /20160918/instanceMaintenanceEvents?compartmentId=" + CompartmentV1 + "&lifecycleState=SCHEDULED&limit=100\n"
            + "host: iaas.us-ashburn-1.oraclecloud.com",
            signed.SigningString);
        Assert.Equal(
            "TWKp2S0yEyvrIi7TS93a8VmETUB0IaPQDCtwS+cM65gbMeJp1wXjNDU5dmLPM0tY4sY2WsA1H2hllNuvF0uNkKq1tfz8HpQGXzr7lIqQ4bniK01K7yeumEgvZpVUQJVBIvwFwzuwqHZTC8M4YHmbaUtepWzxr+IVliqS5CS/Abw=",
            signed.Signature);
    }

    [Fact]
    public void S2_updating_a_maintenance_event_signs_the_body_headers_and_matches_the_openssl_signature()
    {
        var body = """{"timeWindowStart":"2025-09-06T01:08:00.000Z","freeformTags":{"maintenance_processed":"true"}}"""u8.ToArray();
        var url = "https://iaas.us-ashburn-1.oraclecloud.com/20160918/instanceMaintenanceEvents/ocid1.instancemaintenanceevent.oc1.iad.exampleuniqueid";

        var signed = Signer().Sign(HttpMethod.Put, new Uri(url), Date, body);

        Assert.Equal(94, body.Length);
        Assert.Equal(
            "date: Thu, 05 Jan 2014 21:31:40 GMT\n"
            + "(request-target): put /20160918/instanceMaintenanceEvents/ocid1.instancemaintenanceevent.oc1.iad.exampleuniqueid\n"
            + "host: iaas.us-ashburn-1.oraclecloud.com\n"
            + "content-length: 94\n"
            + "content-type: application/json\n"
            + "x-content-sha256: HTBO81R1JC5tc2loA0dS5Z4w6oVnhu17bVNIyvflTiQ=",
            signed.SigningString);
        Assert.Equal(
            "kCOlM396tnzHky4NQujlgBBt5rHwqc7oO8j2p40lu/mG3oB/yYgReioAnEOmgxWljRpOKiiDqn/Lav0MDn242UKkD0gTwAj6zP+ZMtLRNhDmsFgqi26R7wOL/CX8Y/ro4QpuSQYziHB6tVoDaTztdus8BJOxrgUSVj6SKtiEm4A=",
            signed.Signature);
        Assert.Contains("headers=\"date (request-target) host content-length content-type x-content-sha256\"", signed.Authorization, StringComparison.Ordinal);
    }

    [Fact]
    public void S2_the_body_the_client_writes_for_that_update_is_the_vectors_body_byte_for_byte()
    {
        var update = new OciMaintenanceEventUpdate
        {
            TimeWindowStart = new DateTimeOffset(2025, 9, 6, 1, 8, 0, TimeSpan.Zero),
            FreeformTags = new() { ["maintenance_processed"] = "true" },
        };

        var body = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(update, OciJson.Default.OciMaintenanceEventUpdate);

        Assert.Equal("""{"timeWindowStart":"2025-09-06T01:08:00.000Z","freeformTags":{"maintenance_processed":"true"}}""", Encoding.UTF8.GetString(body));
    }

    [Fact]
    public void S3_a_POST_with_no_body_still_signs_content_length_0_and_the_empty_hash()
    {
        var url = "https://iaas.us-phoenix-1.oraclecloud.com/20160918/instances/ocid1.instance.oc1.phx.abuw4ljrlsfiqw6vzzxb43vyypt4pkodawglp3wqxjqofakrwvou52gb6s5a?action=SOFTRESET";

        var signed = Signer().Sign(HttpMethod.Post, new Uri(url), Date, null);

        Assert.Equal(("0", "application/json", "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU="), (signed.ContentLength, signed.ContentType, signed.ContentSha256));
        Assert.Equal(
            "Z3V10+UV8iEy4KGFdhWtvzI2FHpcdfHzhqYThriElpD/got4w73D0rr4PXkiGyHhPtjOayu6DZTBnaOjMCkXRM1lXDybISLWS7ZAiPAnqo0LC7GzKB5M2NHC1NwjCU/mHXcpacYhZS8qL5kekd/0GbmhfoFmtLIBbe0DQlhL20Y=",
            signed.Signature);
    }

    [Theory]
    [InlineData("test-key-pkcs1.pem")]
    [InlineData("test-key-pkcs8.pem")]
    public void The_fingerprint_is_md5_of_the_public_key_as_OCI_shows_it(string key)
    {
        Assert.Equal(OciTestKeys.Fingerprint, OciApiKey.Fingerprint(OciTestKeys.Key(key)));
    }
}
