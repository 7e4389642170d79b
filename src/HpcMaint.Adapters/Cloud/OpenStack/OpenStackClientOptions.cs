namespace HpcMaint.Adapters.Cloud.OpenStack;

/// <summary>Limits and timings of the OpenStack client; the defaults suit a production Nova.</summary>
public sealed record OpenStackClientOptions
{
    /// <summary>Operations in flight at once in this process (Nova's max_concurrent_builds is 10 by default).
    /// A rebuild that is waited for holds its slot until the server is done.</summary>
    public int MaxInFlight { get; init; } = 10;

    /// <summary>Also hold one of these slots per operation, so the limit spans processes. Null: this process only.</summary>
    public Files.SlotDirectory? SharedSlots { get; init; }

    /// <summary>Tries per HTTP request, the first included, on 5xx, 429, timeouts and connection failures.</summary>
    public int MaxAttempts { get; init; } = 5;

    /// <summary>Wait before the second try; doubled before each later one, up to <see cref="MaxDelay"/>.</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest Retry-After honoured; a longer one is cut to this.</summary>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>One try's limit, from sending to the last byte of the answer.</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>A token this close to its expires_at is renewed before use.</summary>
    public TimeSpan TokenRenewalMargin { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>How often a rebuild is polled (openstacksdk polls every 2 s).</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Sent as <c>OpenStack-API-Version: compute …</c> unless the cloud sets compute_api_version.</summary>
    public string ComputeApiVersion { get; init; } = "2.1";
}
