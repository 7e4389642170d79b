using System.Net.Http.Headers;

namespace HpcMaint.Adapters.Cloud.OpenStack;

/// <summary>
/// Sends one request, retrying 5xx (but 501), 429, timeouts and connection failures with exponential
/// back-off, or the Retry-After the cloud asked for. Every wait and timeout runs on the TimeProvider.
/// </summary>
internal sealed class RetryingSender(HttpClient http, OpenStackClientOptions options, TimeProvider time)
{
    /// <param name="tookEffect">For a request that must not be repeated once carried out: asked before a retry
    /// that follows an answer which may hide success (none, or 5xx); true ends the retries.</param>
    public async Task<ApiAnswer> SendAsync(ApiRequest request, CancellationToken cancellationToken, Func<CancellationToken, Task<bool>>? tookEffect = null)
    {
        for (var attempt = 1; ; attempt++)
        {
            var (answer, retryAfter) = await TryOnceAsync(request, attempt, cancellationToken);
            if (!IsWorthRetrying(answer) || attempt >= options.MaxAttempts)
            {
                return answer;
            }

            if (tookEffect is not null && answer.Status != 429 && await tookEffect(cancellationToken))
            {
                return answer with { TookEffect = true };
            }

            await Task.Delay(retryAfter ?? Backoff(attempt), time, cancellationToken);
        }
    }

    /// <summary>The wait after try <paramref name="attempt"/>: base, 2×base, 4×base… capped.</summary>
    public TimeSpan Backoff(int attempt)
    {
        var factor = Math.Pow(2, Math.Min(attempt - 1, 30));
        var delay = TimeSpan.FromTicks((long)Math.Min(options.BaseDelay.Ticks * factor, options.MaxDelay.Ticks));
        return delay;
    }

    private static bool IsWorthRetrying(ApiAnswer answer) =>
        answer.Status is 0 or 429 or (>= 500 and not 501);

    private async Task<(ApiAnswer Answer, TimeSpan? RetryAfter)> TryOnceAsync(ApiRequest request, int attempt, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(options.AttemptTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            using var message = request.ToMessage();
            using var response = await http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, linked.Token);
            var body = await response.Content.ReadAsByteArrayAsync(linked.Token);
            var answer = new ApiAnswer(
                (int)response.StatusCode,
                body,
                Header(response.Headers, "X-Subject-Token"),
                Header(response.Headers, "X-Openstack-Request-Id") ?? Header(response.Headers, "X-Compute-Request-Id"),
                null,
                attempt);
            return (answer, RetryAfter.Asked(response.Headers, time, options.MaxRetryAfter));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (Unanswered($"no answer within {options.AttemptTimeout.TotalSeconds:0.###} s from {request.Method} {request.Url}", attempt), null);
        }
        catch (HttpRequestException e)
        {
            return (Unanswered($"{request.Method} {request.Url}: {e.Message}", attempt), null);
        }
    }

    private static ApiAnswer Unanswered(string why, int attempt) => new(0, [], null, null, why, attempt);

    private static string? Header(HttpResponseHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
}
