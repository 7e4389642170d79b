using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;

namespace HpcMaint.Adapters.Cloud.Oci;

/// <summary>
/// Signs and sends one request, retrying what the OCI SDKs retry (429, 5xx but 501, 409 IncorrectState,
/// timeouts, connection failures) with exponential back-off and jitter, or after the retry-after OCI
/// asked for. Every try gets a fresh date and signature. Writes carry an opc-retry-token, so a retry
/// of one whose answer was lost is not carried out twice. Every wait and timeout runs on the TimeProvider.
/// </summary>
internal sealed class OciSender(HttpClient http, OciRequestSigner signer, OciClientOptions options, TimeProvider time)
{
    public async Task<OciAnswer> SendAsync(OciRequest request, CancellationToken cancellationToken)
    {
        var requestId = "hpcmaint-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        for (var attempt = 1; ; attempt++)
        {
            var (answer, retryAfter) = await TryOnceAsync(request, requestId, attempt, cancellationToken);
            if (!IsWorthRetrying(answer) || attempt >= options.MaxAttempts)
            {
                return answer;
            }

            await Task.Delay(retryAfter ?? Backoff(attempt), time, cancellationToken);
        }
    }

    /// <summary>The wait after try <paramref name="attempt"/>: half of base × 2^(attempt-1) (capped), plus up to as much again at random.</summary>
    public TimeSpan Backoff(int attempt)
    {
        var factor = Math.Pow(2, Math.Min(attempt - 1, 30));
        var ceiling = Math.Min(options.BaseDelay.Ticks * factor, options.MaxDelay.Ticks);
        return TimeSpan.FromTicks((long)(ceiling / 2 * (1 + Math.Clamp(options.Jitter(), 0, 1))));
    }

    private static bool IsWorthRetrying(OciAnswer answer) =>
        answer.Status is 0 or 429 or (>= 500 and not 501) || (answer.Status == 409 && answer.Code == "IncorrectState");

    private async Task<(OciAnswer Answer, TimeSpan? RetryAfter)> TryOnceAsync(OciRequest request, string requestId, int attempt, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(options.AttemptTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            using var message = request.ToMessage(signer, time.GetUtcNow().ToString("r", CultureInfo.InvariantCulture), requestId);
            using var response = await http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, linked.Token);
            var body = await response.Content.ReadAsByteArrayAsync(linked.Token);
            var headers = response.Headers;
            var answer = new OciAnswer(
                (int)response.StatusCode,
                body,
                Header(headers, "opc-request-id") ?? requestId,
                Header(headers, "opc-next-page"),
                Header(headers, "etag"),
                Header(headers, "opc-work-request-id"),
                null,
                attempt);
            return (answer, RetryAfter.Asked(headers, time, options.MaxRetryAfter));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (Unanswered($"no answer within {options.AttemptTimeout.TotalSeconds:0.###} s to {request}", requestId, attempt), null);
        }
        catch (HttpRequestException e)
        {
            return (Unanswered($"{request}: {e.Message}", requestId, attempt), null);
        }
    }

    private static OciAnswer Unanswered(string why, string requestId, int attempt) => new(0, [], requestId, null, null, null, why, attempt);

    private static string? Header(HttpResponseHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
}
