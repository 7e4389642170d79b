using System.Security.Cryptography;
using HpcMaint.Adapters.Cloud.Oci;

namespace HpcMaint.Adapters.Tests.Oci;

/// <summary>Oracle's published test key (Fixtures/oci/README.md says where from) and the identity its vectors sign as.</summary>
public static class OciTestKeys
{
    public const string Tenancy = "ocid1.tenancy.oc1..aaaaaaaaba3pv6wkcr4jqae5f15p2b2m2yt2j6rx32uzr4h25vqstifsfdsq";
    public const string User = "ocid1.user.oc1..aaaaaaaat5nvwcna5j6aqzjcaty5eqbb6qt2jvpkanghtgdaqedqw3rynjq";

    /// <summary>The made-up fingerprint of the official examples' keyId (not the key's own).</summary>
    public const string ExampleFingerprint = "20:3b:97:13:55:1c:5b:0d:d3:37:d8:50:4e:c5:3a:34";

    /// <summary>The key's real fingerprint (openssl rsa -pubout -outform DER | openssl md5 -c).</summary>
    public const string Fingerprint = "73:61:a2:21:67:e0:df:be:7e:4b:93:1e:15:98:a5:b7";

    public const string ExampleKeyId = Tenancy + "/" + User + "/" + ExampleFingerprint;

    public static string Pem(string name) => File.ReadAllText(PathOf(name));

    public static string PathOf(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "oci", name);

    public static RSA Key(string name = "test-key-pkcs1.pem") => OciApiKey.FromPem(Pem(name), null).Value;

    /// <summary>Copies a fixture key into <paramref name="directory"/> with <paramref name="mode"/> (git keeps no modes).</summary>
    public static string Install(string name, string directory, UnixFileMode mode = UnixFileMode.UserRead | UnixFileMode.UserWrite)
    {
        var path = Path.Combine(directory, name);
        File.Copy(PathOf(name), path, overwrite: true);
        File.SetUnixFileMode(path, mode);
        return path;
    }
}
