using HpcMaint.Adapters.Cloud.OpenStack;
using HpcMaint.FakeOpenStack;

namespace HpcMaint.Adapters.Tests.OpenStack.Support;

/// <summary>
/// A fake cloud on 127.0.0.1 with servers n1..n4 (and n10, to catch unanchored name filters) on image
/// img-old, plus a client for it with fast timings. One per spec; disposed by the spec.
/// </summary>
public sealed class FakeCloudFixture : IAsyncDisposable
{
    public const string OldImage = "img-old";
    public const string NewImage = "img-new";

    private readonly List<OpenStackClient> clients = [];

    private FakeCloudFixture(FakeOpenStackServer server) => Server = server;

    public FakeOpenStackServer Server { get; }

    public FakeCloud Cloud => Server.Cloud;

    public static OpenStackClientOptions FastOptions { get; } = new()
    {
        BaseDelay = TimeSpan.FromMilliseconds(50),
        MaxDelay = TimeSpan.FromMilliseconds(400),
        PollInterval = TimeSpan.FromMilliseconds(40),
        AttemptTimeout = TimeSpan.FromSeconds(5),
    };

    public static async Task<FakeCloudFixture> StartAsync(FakeOptions? options = null, IEnumerable<FakeServer>? servers = null)
    {
        options ??= new FakeOptions { RebuildPhase = TimeSpan.FromMilliseconds(100), RebootTime = TimeSpan.FromMilliseconds(100) };
        servers ??= Names("n1", "n2", "n3", "n4", "n10");
        return new FakeCloudFixture(await FakeOpenStackServer.StartAsync(options, servers));
    }

    public static List<FakeServer> Names(params string[] names) =>
        names.Select(n => new FakeServer(FakeServerFile.IdFor(n), n, OldImage)).ToList();

    public static string IdOf(string name) => FakeServerFile.IdFor(name);

    public CloudConfig PasswordCloud(string? region = null, string endpointInterface = "public") => new(
        "fake",
        "(spec)",
        CloudAuthType.Password,
        new CloudAuth
        {
            AuthUrl = Server.BaseUrl,
            Username = "admin",
            Password = "secret",
            UserDomainName = "Default",
            ProjectName = "demo",
            ProjectDomainName = "Default",
        },
        region,
        endpointInterface,
        null);

    public CloudConfig ApplicationCredentialCloud(string secret = "ac-secret") => new(
        "fake",
        "(spec)",
        CloudAuthType.ApplicationCredential,
        new CloudAuth { AuthUrl = Server.AuthUrl, ApplicationCredentialId = "ac-hpcmaint", ApplicationCredentialSecret = secret },
        "RegionOne",
        "public",
        null);

    public OpenStackClient Client(CloudConfig? cloud = null, OpenStackClientOptions? options = null, TimeProvider? time = null)
    {
        var client = new OpenStackClient(cloud ?? PasswordCloud(), options ?? FastOptions, time);
        clients.Add(client);
        return client;
    }

    public List<FakeCall> Calls(string action) => Cloud.Log().Calls.Where(c => c.Action == action).ToList();

    public async ValueTask DisposeAsync()
    {
        foreach (var client in clients)
        {
            client.Dispose();
        }

        await Server.DisposeAsync();
    }
}
