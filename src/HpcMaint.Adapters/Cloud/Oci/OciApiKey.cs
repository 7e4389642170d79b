using System.Security.Cryptography;
using HpcMaint.Adapters.Files;
using HpcMaint.Core;
using HpcMaint.Core.Trust;

namespace HpcMaint.Adapters.Cloud.Oci;

/// <summary>
/// An OCI API signing key from its PEM file: PKCS#1 (<c>BEGIN RSA PRIVATE KEY</c>), PKCS#8
/// (<c>BEGIN PRIVATE KEY</c>, what the console generates) or encrypted PKCS#8 with the profile's pass_phrase.
/// A key file that group or others can read, or that a stranger owns or can replace, is refused: whoever
/// reads it can act on the tenancy as hpcmaint.
/// </summary>
public static class OciApiKey
{
    /// <summary>The key in <paramref name="file"/>, checked against the profile's <paramref name="fingerprint"/> (null: not checked).</summary>
    public static Result<RSA> Load(string file, string? passPhrase, string? fingerprint)
    {
        if (StatePaths.Problem(file, PathUse.PrivateKey) is { } untrusted)
        {
            return Problem.Invalid(untrusted);
        }

        string pem;
        try
        {
            pem = SmallFile.ReadAllText(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Problem.Invalid($"the private key {file} cannot be read: {e.Message}");
        }

        var key = FromPem(pem, passPhrase);
        if (!key.IsSuccess)
        {
            return key.Problem!.Prefixed($"the private key {file}: ");
        }

        if (fingerprint is not null && Fingerprint(key.Value) is var actual && actual != fingerprint)
        {
            key.Value.Dispose();
            return Problem.Invalid($"the private key {file} has the fingerprint {actual}, but the profile says fingerprint={fingerprint}: name the key uploaded for this user, or correct the fingerprint");
        }

        return key;
    }

    /// <summary>The key in a PEM text; the BCL reads neither legacy OpenSSL encryption (Proc-Type) nor anything but RSA here.</summary>
    public static Result<RSA> FromPem(string pem, string? passPhrase)
    {
        if (pem.Contains("Proc-Type: 4,ENCRYPTED", StringComparison.Ordinal))
        {
            return Problem.Invalid("is encrypted the legacy OpenSSL way (Proc-Type: 4,ENCRYPTED), which .NET cannot read; convert it: openssl pkcs8 -topk8 -v2 aes256 -in KEY -out KEY.pk8 (and keep pass_phrase)");
        }

        if (!pem.Contains("PRIVATE KEY-----", StringComparison.Ordinal))
        {
            return Problem.Invalid("is not an RSA private key in PEM (BEGIN RSA PRIVATE KEY or BEGIN PRIVATE KEY); a public key cannot sign");
        }

        var encrypted = pem.Contains("-----BEGIN ENCRYPTED PRIVATE KEY-----", StringComparison.Ordinal);
        if (encrypted && string.IsNullOrEmpty(passPhrase))
        {
            return Problem.Invalid("is encrypted and the profile has no pass_phrase: add pass_phrase=… to the profile");
        }

        var rsa = RSA.Create();
        try
        {
            if (encrypted)
            {
                rsa.ImportFromEncryptedPem(pem, passPhrase);
            }
            else
            {
                rsa.ImportFromPem(pem);
            }

            return rsa;
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            rsa.Dispose();
            return Problem.Invalid(encrypted
                ? "cannot be decrypted with the profile's pass_phrase, or is not an RSA key: " + e.Message
                : "is not an RSA private key in PEM (BEGIN RSA PRIVATE KEY or BEGIN PRIVATE KEY): " + e.Message);
        }
    }

    /// <summary>OCI's key fingerprint: MD5 of the DER SubjectPublicKeyInfo, lowercase hex pairs joined by ':'.</summary>
    public static string Fingerprint(RSA key)
    {
#pragma warning disable CA5351 // MD5 is what OCI names keys by, not a security choice here.
        var hash = MD5.HashData(key.ExportSubjectPublicKeyInfo());
#pragma warning restore CA5351
        return string.Join(':', hash.Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));
    }
}
