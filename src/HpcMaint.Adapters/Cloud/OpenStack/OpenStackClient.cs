namespace HpcMaint.Adapters.Cloud.OpenStack;

/// <summary>
/// Talks to one cloud's Keystone and Nova: one token reused until near expiry, at most
/// <see cref="OpenStackClientOptions.MaxInFlight"/> operations in flight, retries with back-off.
/// Every answer is a value; only bugs throw (and cancellation by the caller).
/// </summary>
public sealed partial class OpenStackClient : IDisposable
{
    private readonly HttpClient http;
    private readonly RetryingSender sender;
    private readonly KeystoneSession session;
    private readonly OperationLimiter limiter;
    private readonly OpenStackClientOptions options;
    private readonly TimeProvider time;
    private readonly string computeApiVersion;

    public OpenStackClient(CloudConfig cloud, OpenStackClientOptions? options = null, TimeProvider? time = null)
    {
        Cloud = cloud;
        this.options = options ?? new OpenStackClientOptions();
        this.time = time ?? TimeProvider.System;
        // Timeouts are per try and run on the TimeProvider (RetryingSender), not on HttpClient's clock.
        http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
        sender = new RetryingSender(http, this.options, this.time);
        session = new KeystoneSession(cloud, sender, this.options, this.time);
        limiter = new OperationLimiter(this.options.MaxInFlight, this.options.SharedSlots);
        computeApiVersion = cloud.ComputeApiVersion ?? this.options.ComputeApiVersion;
    }

    public CloudConfig Cloud { get; }

    /// <summary>How many times this client has asked Keystone for a token.</summary>
    public int Authentications => session.Authentications;

    /// <summary>A token, from the cache while it is fresh.</summary>
    public async Task<OpenStackResult<KeystoneToken>> AuthenticateAsync(CancellationToken cancellationToken = default)
    {
        using var slot = await limiter.EnterAsync(cancellationToken);
        return await session.GetTokenAsync(cancellationToken);
    }

    public void Dispose()
    {
        http.Dispose();
        session.Dispose();
        limiter.Dispose();
    }

    /// <summary>
    /// One Nova request with the current token; on 401 the token is dropped and the request sent once
    /// more with a fresh one. The path is relative to the compute endpoint (or an absolute next-page URL).
    /// </summary>
    private async Task<OpenStackResult<ApiAnswer>> ComputeAsync(
        HttpMethod method, string path, byte[]? body, CancellationToken cancellationToken, Func<CancellationToken, Task<bool>>? tookEffect = null)
    {
        for (var refused = 0; ; refused++)
        {
            var token = await session.GetTokenAsync(cancellationToken);
            if (!token.Succeeded)
            {
                return OpenStackResult<ApiAnswer>.Fail(token.Failure!);
            }

            var endpoint = ServiceCatalog.FindEndpoint(token.Value.Catalog, "compute", Cloud.Interface, Cloud.RegionName);
            if (!endpoint.Succeeded)
            {
                return OpenStackResult<ApiAnswer>.Fail(endpoint.Failure!);
            }

            var url = path.StartsWith("http", StringComparison.Ordinal) ? path : endpoint.Value + path;
            var answer = await sender.SendAsync(new ApiRequest(method, url, body, token.Value.Id, computeApiVersion), cancellationToken, tookEffect);
            if (answer.Status != 401)
            {
                return OpenStackResult<ApiAnswer>.Success(answer);
            }

            session.Refused(token.Value);
            if (refused > 0)
            {
                return OpenStackResult<ApiAnswer>.Fail(answer.ToFailure($"Nova refused a fresh token for {method} {path}"));
            }
        }
    }
}
