using System.Security.Cryptography;
using System.Text;

namespace HpcMaint.Adapters.Cloud.Oci;

/// <summary>
/// Signs OCI API requests as OCI checks them: draft-cavage HTTP signatures, "Signature version 1",
/// RSASSA-PKCS1-v1_5 over SHA-256 of the signing string. GET (and HEAD, DELETE) sign date, (request-target)
/// and host; PUT, POST and PATCH also content-length, content-type and x-content-sha256, even for an empty
/// body. Written here because the OCI .NET SDK is not served to this project; the shape follows
/// oci-dotnet-sdk's <c>DefaultRequestSigner</c> and oci-go-sdk's <c>http_signer.go</c>, and the specs
/// reproduce the official test vectors byte for byte.
/// </summary>
public sealed class OciRequestSigner(string keyId, RSA key)
{
    public const string JsonContentType = "application/json";

    private static readonly string[] PlainHeaders = ["date", "(request-target)", "host"];
    private static readonly string[] BodyHeaders = [.. PlainHeaders, "content-length", "content-type", "x-content-sha256"];

    public string KeyId => keyId;

    /// <summary>True for the methods whose body is signed (oci-python-sdk and oci-dotnet-sdk include PATCH).</summary>
    public static bool SignsBody(HttpMethod method) => method == HttpMethod.Put || method == HttpMethod.Post || method == HttpMethod.Patch;

    /// <summary>The names OCI requires signed for <paramref name="method"/>, in the order they are signed.</summary>
    public static IReadOnlyList<string> RequiredHeaders(HttpMethod method) => SignsBody(method) ? BodyHeaders : PlainHeaders;

    /// <summary>base64 SHA-256 of the body bytes as sent.</summary>
    public static string ContentSha256(ReadOnlySpan<byte> body) => Convert.ToBase64String(SHA256.HashData(body));

    /// <summary>
    /// The headers to send and the Authorization that signs them. <paramref name="date"/> is the Date
    /// header exactly as sent (the official vectors' date is not a real weekday, so it stays a string);
    /// <paramref name="body"/> is null for a method that sends none.
    /// </summary>
    public OciSignedHeaders Sign(HttpMethod method, Uri uri, string date, byte[]? body)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["date"] = date,
            ["(request-target)"] = method.Method.ToLowerInvariant() + " " + uri.PathAndQuery,
            ["host"] = uri.Authority,
        };
        var signsBody = SignsBody(method);
        if (signsBody)
        {
            var bytes = body ?? [];
            values["content-length"] = bytes.Length.ToString(System.Globalization.CultureInfo.InvariantCulture);
            values["content-type"] = JsonContentType;
            values["x-content-sha256"] = ContentSha256(bytes);
        }

        var names = RequiredHeaders(method);
        var signingString = SigningString(names, values);
        var signature = Convert.ToBase64String(key.SignData(Encoding.UTF8.GetBytes(signingString), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
        var authorization = $"Signature version=\"1\",headers=\"{string.Join(' ', names)}\",keyId=\"{keyId}\",algorithm=\"rsa-sha256\",signature=\"{signature}\"";
        return new OciSignedHeaders(
            date,
            signsBody ? values["content-length"] : null,
            signsBody ? values["content-type"] : null,
            signsBody ? values["x-content-sha256"] : null,
            signingString,
            signature,
            authorization);
    }

    /// <summary>"name: value" for each name in order, joined by LF, no trailing newline.</summary>
    public static string SigningString(IEnumerable<string> names, IReadOnlyDictionary<string, string> values) =>
        string.Join('\n', names.Select(n => n + ": " + values[n]));
}
