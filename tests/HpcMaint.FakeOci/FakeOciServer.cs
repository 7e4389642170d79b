using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace HpcMaint.FakeOci;

/// <summary>The fake on Kestrel at 127.0.0.1 (port 0 picks a free one); Compute, Work Requests and Identity all answer at <see cref="BaseUrl"/>.</summary>
public sealed class FakeOciServer : IAsyncDisposable
{
    private readonly WebApplication app;

    private FakeOciServer(WebApplication app, FakeOciCloud cloud, string baseUrl)
    {
        this.app = app;
        Cloud = cloud;
        BaseUrl = baseUrl;
    }

    public FakeOciCloud Cloud { get; }

    /// <summary>http://127.0.0.1:PORT, no trailing slash: what [oci] compute_endpoint and identity_endpoint say for the fake.</summary>
    public string BaseUrl { get; }

    public static async Task<FakeOciServer> StartAsync(FakeOciOptions options)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(System.Net.IPAddress.Loopback, options.Port));
        var app = builder.Build();
        var cloud = new FakeOciCloud(options);
        app.Run(new FakeOciRouter(cloud).HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new FakeOciServer(app, cloud, address.TrimEnd('/'));
    }

    public Task WaitForShutdownAsync() => app.WaitForShutdownAsync();

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
