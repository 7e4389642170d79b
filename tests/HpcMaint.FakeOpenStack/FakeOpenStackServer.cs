using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace HpcMaint.FakeOpenStack;

/// <summary>The fake on Kestrel at 127.0.0.1 (port 0 picks a free one); specs host it in-process.</summary>
public sealed class FakeOpenStackServer : IAsyncDisposable
{
    private readonly WebApplication app;

    private FakeOpenStackServer(WebApplication app, FakeCloud cloud, string baseUrl)
    {
        this.app = app;
        Cloud = cloud;
        BaseUrl = baseUrl;
    }

    public FakeCloud Cloud { get; }

    /// <summary>http://127.0.0.1:PORT, no trailing slash.</summary>
    public string BaseUrl { get; }

    /// <summary>What clouds.yaml's auth_url should say.</summary>
    public string AuthUrl => BaseUrl + "/v3";

    /// <summary>A clouds.yaml naming this fake <paramref name="cloud"/>, with the password user it accepts.</summary>
    /// <summary>Writes <see cref="CloudsYaml"/> to <paramref name="path"/> readable by its owner only, as openstacksdk wants a file with a password.</summary>
    public void WriteCloudsYaml(string path, string cloud)
    {
        File.WriteAllText(path, CloudsYaml(cloud));
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    public string CloudsYaml(string cloud)
    {
        var o = Cloud.Options;
        return $"""
            clouds:
              {cloud}:
                auth:
                  auth_url: {AuthUrl}
                  username: {o.Username}
                  password: {o.Password}
                  project_name: {o.ProjectName}
                  user_domain_name: {o.DomainName}
                  project_domain_name: {o.DomainName}

            """;
    }

    public static async Task<FakeOpenStackServer> StartAsync(FakeOptions options, IEnumerable<FakeServer> servers)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(System.Net.IPAddress.Loopback, options.Port));
        var app = builder.Build();
        var cloud = new FakeCloud(options, servers);
        var router = new FakeRouter(cloud);
        app.Run(router.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        cloud.SaveState();
        return new FakeOpenStackServer(app, cloud, address.TrimEnd('/'));
    }

    public Task WaitForShutdownAsync() => app.WaitForShutdownAsync();

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
