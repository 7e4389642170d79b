namespace HpcMaint.Adapters.Cloud.Oci;

/// <summary>Limits and timings of the OCI client; the defaults follow the OCI SDKs' retry strategy, shortened for a hook.</summary>
public sealed record OciClientOptions
{
    /// <summary>Tries per request, the first included, on 429, 5xx but 501, 409 IncorrectState, timeouts and connection failures.</summary>
    public int MaxAttempts { get; init; } = 5;

    /// <summary>Back-off before the second try; doubled before each later one, up to <see cref="MaxDelay"/>, then jittered.</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest retry-after honoured; a longer one is cut to this.</summary>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>One try's limit, from sending to the last byte of the answer.</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How often an instance is read while a reset is followed to RUNNING.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Items asked for per page of a list.</summary>
    public int PageLimit { get; init; } = 100;

    /// <summary>A number in [0, 1) per back-off: the jitter (injected so specs can pin it).</summary>
    public Func<double> Jitter { get; init; } = new Random().NextDouble;
}
