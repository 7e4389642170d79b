using System.Security.Cryptography;
using HpcMaint.FakeOci;

// hpcmaint's fake OCI. The first line on stdout is the base URL ([oci] compute_endpoint and identity_endpoint).
// Stops on SIGTERM or SIGINT.
const string Usage = """
    usage: HpcMaint.FakeOci --key KEYID=PUBLIC.pem [--port N] [--instance NAME]... [--event NAME=FAULTID[,TOKEN]]... [--reset-ms N] [--phase-ms N]
      --key: accept signatures of keyId (tenancy/user/fingerprint) that verify with this public key (repeatable).
      --instance: a RUNNING instance with this display name in the tenancy ocid1.tenancy.oc1..faketenancy.
      --event: a SCHEDULED maintenance event of that instance (added with --instance) with this fault id, and correlation token.
    """;

var keys = new Dictionary<string, RSA>(StringComparer.Ordinal);
var options = new FakeOciOptions();
var names = new List<string>();
var planted = new List<(string Name, string Fault, string? Token)>();
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
        case "--event":
            var spec = Next().Split('=', 2);
            var fault = spec.Length == 2 ? spec[1].Split(',', 2) : throw new ArgumentException("--event needs NAME=FAULTID[,TOKEN]");
            planted.Add((spec[0], fault[0], fault.Length == 2 ? fault[1] : null));
            break;
        case "--reset-ms": options = options with { ResetPhase = TimeSpan.FromMilliseconds(Number() / 2.0) }; break;
        case "--phase-ms": options = options with { EventPhase = TimeSpan.FromMilliseconds(Number()) }; break;
        case "--help" or "-h": Console.WriteLine(Usage); return 0;
        default: Console.Error.WriteLine($"unknown argument {args[i]}\n{Usage}"); return 2;
    }
}

await using var fake = await FakeOciServer.StartAsync(options with { Keys = keys });
var added = names.ToDictionary(name => name, name => fake.Cloud.AddInstance(name), StringComparer.Ordinal);
foreach (var (name, fault, token) in planted)
{
    if (!added.TryGetValue(name, out var instance))
    {
        Console.Error.WriteLine($"--event {name}: no --instance {name}\n{Usage}");
        return 2;
    }

    fake.Cloud.AddEvent(instance, fault, token);
}

Console.WriteLine(fake.BaseUrl);
Console.Out.Flush();
await fake.WaitForShutdownAsync();
return 0;
