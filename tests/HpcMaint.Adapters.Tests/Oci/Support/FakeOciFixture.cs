using System.Security.Cryptography;
using HpcMaint.Adapters.Cloud.Oci;
using HpcMaint.FakeOci;

namespace HpcMaint.Adapters.Tests.Oci.Support;

/// <summary>
/// A fake OCI on 127.0.0.1 that accepts the test key's signatures (keyId tenancy/user/its fingerprint),
/// and clients for it with fast timings. One per spec; disposed by the spec.
/// </summary>
public sealed class FakeOciFixture : IAsyncDisposable
{
    public const string KeyId = OciTestKeys.Tenancy + "/" + OciTestKeys.User + "/" + OciTestKeys.Fingerprint;

    private readonly List<OciClient> clients = [];

    private FakeOciFixture(FakeOciServer server) => Server = server;

    public FakeOciServer Server { get; }

    public FakeOciCloud Cloud => Server.Cloud;

    public OciEndpoints Endpoints => OciEndpoints.ForRegion("us-ashburn-1", compute: Server.BaseUrl, identity: Server.BaseUrl);

    public static OciClientOptions FastOptions { get; } = new()
    {
        BaseDelay = TimeSpan.FromMilliseconds(100),
        MaxDelay = TimeSpan.FromMilliseconds(400),
        PollInterval = TimeSpan.FromMilliseconds(40),
        AttemptTimeout = TimeSpan.FromSeconds(10),
        Jitter = () => 0.5,
    };

    public static async Task<FakeOciFixture> StartAsync(FakeOciOptions? options = null)
    {
        var publicKey = RSA.Create();
        publicKey.ImportFromPem(OciTestKeys.Pem("test-key-public.pem"));
        options ??= new FakeOciOptions { EventPhase = TimeSpan.FromMilliseconds(300), ResetPhase = TimeSpan.FromMilliseconds(150) };
        options = options with { Tenancy = OciTestKeys.Tenancy, Keys = new Dictionary<string, RSA> { [KeyId] = publicKey } };
        return new FakeOciFixture(await FakeOciServer.StartAsync(options));
    }

    public OciClient Client(OciClientOptions? options = null, TimeProvider? time = null, RSA? key = null)
    {
        var client = new OciClient(Endpoints, new OciRequestSigner(KeyId, key ?? OciTestKeys.Key()), options ?? FastOptions, time);
        clients.Add(client);
        return client;
    }

    public List<FakeOciCall> Calls(string method, string pathContains) =>
        Cloud.Calls().Where(c => c.Method == method && c.Target.Contains(pathContains, StringComparison.Ordinal)).ToList();

    /// <summary>Polls <paramref name="condition"/> until it holds or <paramref name="limit"/> has passed: evidence, not a sleep.</summary>
    public static async Task<bool> EventuallyAsync(Func<Task<bool>> condition, TimeSpan limit)
    {
        var started = TimeProvider.System.GetTimestamp();
        while (!await condition())
        {
            if (TimeProvider.System.GetElapsedTime(started) > limit)
            {
                return false;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50), TimeProvider.System);
        }

        return true;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in clients)
        {
            client.Dispose();
        }

        await Server.DisposeAsync();
    }
}
