using Microsoft.AspNetCore.Http;

namespace HpcMaint.FakeOpenStack;

/// <summary>
/// Every request: the control API under /_fake/, else injected delays and faults first, then Keystone
/// (…/v3/auth/tokens) or Nova (…/v2.1/…). Each non-control call goes into the log.
/// </summary>
public sealed class FakeRouter(FakeCloud cloud)
{
    public async Task HandleAsync(HttpContext context)
    {
        var method = context.Request.Method;
        var path = context.Request.Path.Value ?? "/";
        var baseUrl = $"{context.Request.Scheme}://{context.Request.Host}";
        if (path.StartsWith("/_fake/", StringComparison.Ordinal))
        {
            await WriteAsync(context, await FakeControl.AnswerAsync(cloud, context, path));
            return;
        }

        cloud.EnterRequest();
        try
        {
            var delay = cloud.TakeDelay(method, path);
            if (delay is { AfterAnswer: false })
            {
                await Task.Delay(delay.Delay, cloud.Options.Time, context.RequestAborted);
            }

            var answer = cloud.TakeFault(method, path) is { } fault
                ? Injected(fault)
                : path.EndsWith("/v3/auth/tokens", StringComparison.Ordinal)
                    ? await AuthenticateAsync(context, baseUrl)
                    : await FakeNova.AnswerAsync(cloud, context, path, baseUrl);
            cloud.Record(new FakeCall(cloud.Now, method, path + context.Request.QueryString.Value, answer.Server, answer.Action, answer.Status,
                context.Request.Headers["OpenStack-API-Version"].FirstOrDefault()));
            if (answer.Status == 202)
            {
                cloud.SaveState();
            }

            if (delay is { AfterAnswer: true })
            {
                await Task.Delay(delay.Delay, cloud.Options.Time, context.RequestAborted);
            }

            await WriteAsync(context, answer);
        }
        finally
        {
            cloud.ExitRequest();
        }
    }

    private static FakeAnswer Injected(FakeFault fault)
    {
        var answer = new FakeAnswer(fault.Status, FakeJson.Error("computeFault", fault.Status, "injected by the fake"), "injected");
        if (fault.RetryAfterSeconds is { } seconds)
        {
            answer.Headers["Retry-After"] = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return answer;
    }

    private async Task<FakeAnswer> AuthenticateAsync(HttpContext context, string baseUrl)
    {
        if (context.Request.Method != "POST")
        {
            return new FakeAnswer(405, FakeJson.Error("error", 405, "POST only"), "auth");
        }

        using var body = await FakeRequest.ReadJsonAsync(context);
        if (body is null)
        {
            return new FakeAnswer(400, FakeJson.Error("error", 400, "The request body is not JSON.", "Bad Request"), "auth");
        }

        var (method, problem) = FakeKeystone.Check(body.RootElement, cloud.Options);
        if (method is null)
        {
            return new FakeAnswer(401, FakeJson.Error("error", 401, problem, "Unauthorized"), "auth");
        }

        var token = cloud.IssueToken();
        var answer = new FakeAnswer(201, FakeJson.Token(method, cloud.Now, cloud.ExpiryOf(token), cloud.Options, baseUrl), "auth");
        answer.Headers["X-Subject-Token"] = token;
        return answer;
    }

    private static async Task WriteAsync(HttpContext context, FakeAnswer answer)
    {
        context.Response.StatusCode = answer.Status;
        context.Response.Headers["X-Openstack-Request-Id"] = "req-" + Guid.NewGuid();
        foreach (var (name, value) in answer.Headers)
        {
            context.Response.Headers[name] = value;
        }

        if (answer.Body.Length > 0)
        {
            context.Response.ContentType = "application/json";
            await context.Response.Body.WriteAsync(answer.Body, context.RequestAborted);
        }
    }
}
