using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace HpcMaint.FakeOci;

/// <summary>
/// Every request: its signature checked first (401 NotAuthenticated, as OCI answers), then an injected
/// fault if one is due, then the API. Each call goes into the log with whether it wrote.
/// </summary>
public sealed class FakeOciRouter(FakeOciCloud cloud)
{
    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var method = request.Method;
        var rawTarget = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? request.Path + request.QueryString;
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, context.RequestAborted);
        var body = buffer.ToArray();
        string? Header(string name) => request.Headers.TryGetValue(name, out var values) ? values.ToString() : null;

        var ifMatch = Header("if-match");
        var retryToken = Header("opc-retry-token");
        FakeOciAnswer answer;
        if (FakeOciSignature.Problem(method, rawTarget, Header, body, cloud.Now, cloud.Options) is { } unsigned)
        {
            answer = FakeOciAnswer.Error(401, "NotAuthenticated", "The required information to complete authentication was not provided or was incorrect: " + unsigned);
        }
        else if (cloud.TakeFault(method, request.Path.Value ?? "/") is { } fault)
        {
            answer = FakeOciAnswer.Error(fault.Status, fault.Status == 429 ? "TooManyRequests" : fault.Code, "injected by the fake")
                .With("retry-after", fault.RetryAfterSeconds?.ToString(CultureInfo.InvariantCulture));
        }
        else
        {
            var query = request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal);
            answer = cloud.Answer(new FakeOciRequest(method, request.Path.Value ?? "/", query, ifMatch, retryToken, body));
        }

        cloud.Record(new FakeOciCall(cloud.Now, method, rawTarget, answer.Status, answer.Code, answer.Wrote, retryToken, ifMatch));
        context.Response.StatusCode = answer.Status;
        context.Response.Headers["opc-request-id"] = (Header("opc-request-id") ?? "fake") + "/" + Guid.NewGuid().ToString("N").ToUpperInvariant();
        foreach (var (name, value) in answer.Headers)
        {
            context.Response.Headers[name] = value;
        }

        var bytes = answer.Bytes();
        if (bytes.Length > 0)
        {
            context.Response.ContentType = "application/json";
            await context.Response.Body.WriteAsync(bytes, context.RequestAborted);
        }
    }
}
