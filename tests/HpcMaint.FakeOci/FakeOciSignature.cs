using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace HpcMaint.FakeOci;

/// <summary>
/// Checks a request's signature as OCI does (cloud-apis.md A.1): the Authorization scheme and its
/// parameters, a known keyId, every required header signed and present, the body's length and SHA-256
/// as sent, a date within the allowed skew, and the RSA-SHA256 signature over the signing string rebuilt
/// from the request as received. Written apart from the client's signer, so the two check each other.
/// </summary>
public static class FakeOciSignature
{
    private static readonly string[] Plain = ["(request-target)", "host"];
    private static readonly string[] Body = ["content-length", "content-type", "x-content-sha256"];

    /// <summary>Null when the request is signed as OCI wants; else why OCI would answer 401.</summary>
    public static string? Problem(
        string method, string rawTarget, Func<string, string?> header, byte[] body, DateTimeOffset now, FakeOciOptions options)
    {
        var authorization = header("authorization");
        if (authorization is null || !authorization.StartsWith("Signature ", StringComparison.Ordinal))
        {
            return "no Authorization: Signature header";
        }

        var parameters = Parameters(authorization["Signature ".Length..]);
        if (parameters is null)
        {
            return "the Authorization header's parameters are not name=\"value\" pairs";
        }

        if (parameters.GetValueOrDefault("version") != "1" || parameters.GetValueOrDefault("algorithm") != "rsa-sha256")
        {
            return "only version=\"1\" with algorithm=\"rsa-sha256\" is accepted";
        }

        if (parameters.GetValueOrDefault("keyId") is not { } keyId || !options.Keys.TryGetValue(keyId, out var key))
        {
            return $"unknown keyId {parameters.GetValueOrDefault("keyId")}";
        }

        var names = (parameters.GetValueOrDefault("headers") ?? "date").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var required = Plain.Append(names.Contains("x-date") ? "x-date" : "date");
        if (method is "PUT" or "POST" or "PATCH")
        {
            required = required.Concat(Body);
        }

        if (required.FirstOrDefault(r => !names.Contains(r)) is { } unsigned)
        {
            return $"the signature does not cover the required header {unsigned}";
        }

        var lines = new List<string>();
        foreach (var name in names)
        {
            var value = name == "(request-target)" ? method.ToLowerInvariant() + " " + rawTarget : header(name);
            if (value is null)
            {
                return $"the signed header {name} is missing from the request";
            }

            lines.Add(name + ": " + value);
        }

        if (names.Contains("x-content-sha256") && header("x-content-sha256") != Convert.ToBase64String(SHA256.HashData(body)))
        {
            return "x-content-sha256 is not the SHA-256 of the body";
        }

        if (names.Contains("content-length") && header("content-length") != body.Length.ToString(CultureInfo.InvariantCulture))
        {
            return "content-length is not the body's length";
        }

        var dateText = header(names.Contains("x-date") ? "x-date" : "date")!;
        if (!DateTimeOffset.TryParseExact(dateText, "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
        {
            return $"the date {dateText} is not an RFC 1123 date";
        }

        if ((now - date).Duration() > options.MaxClockSkew)
        {
            return $"the date {dateText} is more than {options.MaxClockSkew.TotalMinutes:0} minutes from the server's clock";
        }

        byte[] signature;
        try
        {
            signature = Convert.FromBase64String(parameters.GetValueOrDefault("signature") ?? "");
        }
        catch (FormatException)
        {
            return "the signature is not base64";
        }

        var signed = Encoding.UTF8.GetBytes(string.Join('\n', lines));
        return key.VerifyData(signed, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1) ? null : "the signature does not verify with the key of " + keyId;
    }

    private static Dictionary<string, string>? Parameters(string text)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        var i = 0;
        while (i < text.Length)
        {
            var eq = text.IndexOf('=', i);
            if (eq < 0 || eq + 1 >= text.Length || text[eq + 1] != '"')
            {
                return null;
            }

            var end = text.IndexOf('"', eq + 2);
            if (end < 0)
            {
                return null;
            }

            result[text[i..eq].Trim()] = text[(eq + 2)..end];
            i = end + 1;
            if (i < text.Length && text[i] == ',')
            {
                i++;
            }
        }

        return result;
    }
}
