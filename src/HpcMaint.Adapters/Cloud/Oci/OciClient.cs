using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using HpcMaint.Core;

namespace HpcMaint.Adapters.Cloud.Oci;

/// <summary>
/// Talks to one region's Compute, Work Requests and Identity APIs with one profile's API key: every
/// request signed, retried with back-off and jitter, lists read to their last page. Every answer is a
/// value; every problem quotes OCI's opc-request-id. Only bugs throw (and cancellation by the caller).
/// </summary>
public sealed partial class OciClient : IDisposable
{
    private readonly HttpClient http;
    private readonly OciSender sender;
    private readonly OciClientOptions options;
    private readonly TimeProvider time;

    public OciClient(OciEndpoints endpoints, OciRequestSigner signer, OciClientOptions? options = null, TimeProvider? time = null)
    {
        Endpoints = endpoints;
        this.options = options ?? new OciClientOptions();
        this.time = time ?? TimeProvider.System;
        // Timeouts are per try and run on the TimeProvider (OciSender), not on HttpClient's clock.
        http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
        sender = new OciSender(http, signer, this.options, this.time);
    }

    public OciEndpoints Endpoints { get; }

    public void Dispose() => http.Dispose();

    /// <summary>A fresh opc-retry-token: a write retried with it is carried out once (OCI keeps it 24 h).</summary>
    public static string NewRetryToken() => Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));

    private static Uri Url(Uri endpoint, string path, IEnumerable<(string Name, string? Value)>? query = null)
    {
        var text = endpoint + path;
        var pairs = (query ?? []).Where(q => q.Value is not null).Select(q => q.Name + "=" + Uri.EscapeDataString(q.Value!)).ToArray();
        return new Uri(pairs.Length == 0 ? text : text + "?" + string.Join('&', pairs));
    }

    private static string Id(string ocid) => Uri.EscapeDataString(ocid);

    /// <summary>One request whose answer is a <typeparamref name="T"/> body.</summary>
    private async Task<Result<(T Value, OciAnswer Answer)>> CallAsync<T>(OciRequest request, JsonTypeInfo<T> type, string what, CancellationToken cancellationToken)
    {
        var answer = await sender.SendAsync(request, cancellationToken);
        if (!answer.IsSuccess)
        {
            return answer.ToProblem(what);
        }

        return Parse(answer, type, what) is { } value ? (value, answer) : Unreadable(answer, what);
    }

    /// <summary>A request answered with no body this client reads (an update: the work request id is a header).</summary>
    private async Task<Result<OciAnswer>> CallAsync(OciRequest request, string what, CancellationToken cancellationToken)
    {
        var answer = await sender.SendAsync(request, cancellationToken);
        return answer.IsSuccess ? answer : answer.ToProblem(what);
    }

    /// <summary>Every page of a list: the query again with page= the last answer's opc-next-page, until there is none.</summary>
    private async Task<Result<List<T>>> ListAsync<T>(Uri endpoint, string path, List<(string, string?)> query, JsonTypeInfo<List<T>> type, string what, CancellationToken cancellationToken)
    {
        var all = new List<T>();
        string? page = null;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (true)
        {
            var url = Url(endpoint, path, [.. query, ("limit", options.PageLimit.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("page", page)]);
            var call = await CallAsync(new OciRequest(HttpMethod.Get, url), type, what, cancellationToken);
            if (!call.IsSuccess)
            {
                return call.Problem!.Prefixed(all.Count > 0 ? $"after {all.Count} item(s): " : "");
            }

            all.AddRange(call.Value.Value);
            page = call.Value.Answer.NextPage;
            if (string.IsNullOrEmpty(page))
            {
                return all;
            }

            if (!seen.Add(page))
            {
                return Problem.Failed($"{what}: OCI gave the page token {page} twice (opc-request-id {call.Value.Answer.RequestId}); stopped rather than loop");
            }
        }
    }

    private static T? Parse<T>(OciAnswer answer, JsonTypeInfo<T> type, string what)
    {
        try
        {
            return JsonSerializer.Deserialize(answer.Body, type);
        }
        catch (Exception e) when (e is JsonException or FormatException)
        {
            return default;
        }
    }

    private static Problem Unreadable(OciAnswer answer, string what) =>
        Problem.Failed($"{what}: the answer is not the JSON the API reference describes (opc-request-id {answer.RequestId})");
}
