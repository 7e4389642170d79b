using System.Globalization;
using HpcMaint.FakeOpenStack;

// hpcmaint's fake Keystone + Nova. The first line on stdout is the base URL (auth_url = URL/v3).
// Stops on SIGTERM or SIGINT.
const string Usage = """
    usage: HpcMaint.FakeOpenStack [--port N] [--servers FILE.json] [--server NAME=IMAGE]... [--state-file FILE]
                                  [--rebuild-ms N] [--reboot-ms N] [--token-seconds N]
      --port 0 (default) picks a free port; the URL is printed first on stdout.
      --servers: {"servers":[{"name":"n1","image":"img-a","id":"…","metadata":{…}}]}; ids default to a hash of the name.
      --state-file: read at start when it exists (instead of --servers); rewritten after every change.
      Credentials: user admin/secret, project demo, domain Default; application credential ac-hpcmaint/ac-secret.
    """;

var options = new FakeOptions();
string? serversFile = null;
var inline = new List<FakeServer>();
for (var i = 0; i < args.Length; i++)
{
    string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
    int Number() => int.Parse(Next(), CultureInfo.InvariantCulture);
    switch (args[i])
    {
        case "--port": options = options with { Port = Number() }; break;
        case "--servers": serversFile = Next(); break;
        case "--server":
            var pair = Next().Split('=', 2);
            inline.Add(new FakeServer(FakeServerFile.IdFor(pair[0]), pair[0], pair.Length == 2 ? pair[1] : "image-0"));
            break;
        case "--state-file": options = options with { StateFile = Next() }; break;
        case "--rebuild-ms": options = options with { RebuildPhase = TimeSpan.FromMilliseconds(Number() / 2.0) }; break;
        case "--reboot-ms": options = options with { RebootTime = TimeSpan.FromMilliseconds(Number()) }; break;
        case "--token-seconds": options = options with { TokenLifetime = TimeSpan.FromSeconds(Number()) }; break;
        case "--help" or "-h": Console.WriteLine(Usage); return 0;
        default: Console.Error.WriteLine($"unknown argument {args[i]}\n{Usage}"); return 2;
    }
}

var servers = options.StateFile is { } state && File.Exists(state)
    ? FakeServerFile.Read(File.ReadAllText(state))
    : serversFile is not null ? FakeServerFile.Read(File.ReadAllText(serversFile)) : inline;
await using var fake = await FakeOpenStackServer.StartAsync(options, servers);
Console.WriteLine(fake.BaseUrl);
Console.Out.Flush();
await fake.WaitForShutdownAsync();
return 0;
