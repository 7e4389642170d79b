using System.Security.Cryptography;
using HpcMaint.FakeOci;

// hpcmaint's fake OCI. The first line on stdout is the base URL ([oci] compute_endpoint and identity_endpoint).
// Stops on SIGTERM or SIGINT.
const string Usage = """
    usage: HpcMaint.FakeOci --key KEYID=PUBLIC.pem [--port N] [--instance NAME]... [--reset-ms N] [--phase-ms N]
      --key: accept signatures of keyId (tenancy/user/fingerprint) that verify with this public key (repeatable).
      --instance: a RUNNING instance with this display name in the tenancy ocid1.tenancy.oc1..faketenancy.
    """;

var keys = new Dictionary<string, RSA>(StringComparer.Ordinal);
var options = new FakeOciOptions();
var names = new List<string>();
for (var i = 0; i < args.Length; i++)
{
    string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
    int Number() => int.Parse(Next(), System.Globalization.CultureInfo.InvariantCulture);
    switch (args[i])
    {
        case "--port": options = options with { Port = Number() }; break;
        case "--key":
            var pair = Next().Split('=', 2);
            var key = RSA.Create();
            key.ImportFromPem(File.ReadAllText(pair[1]));
            keys[pair[0]] = key;
            break;
        case "--instance": names.Add(Next()); break;
        case "--reset-ms": options = options with { ResetPhase = TimeSpan.FromMilliseconds(Number() / 2.0) }; break;
        case "--phase-ms": options = options with { EventPhase = TimeSpan.FromMilliseconds(Number()) }; break;
        case "--help" or "-h": Console.WriteLine(Usage); return 0;
        default: Console.Error.WriteLine($"unknown argument {args[i]}\n{Usage}"); return 2;
    }
}

await using var fake = await FakeOciServer.StartAsync(options with { Keys = keys });
foreach (var name in names)
{
    fake.Cloud.AddInstance(name);
}

Console.WriteLine(fake.BaseUrl);
Console.Out.Flush();
await fake.WaitForShutdownAsync();
return 0;
