using System.Net;
using System.Net.Sockets;
using HpcMaint.Adapters.Health;
using HpcMaint.Adapters.Processes;
using HpcMaint.Core.Health;
using HpcMaint.Core.Remediation;

namespace HpcMaint.Adapters.Tests.Health;

/// <summary>[health.notify] webhook: the notification is POSTed as JSON to a listener on 127.0.0.1.</summary>
public sealed class ManualNotifierSpecs : IDisposable
{
    private static readonly DateTimeOffset At = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);
    private readonly HttpListener listener = new();
    private readonly Uri url;

    public ManualNotifierSpecs()
    {
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            url = new Uri($"http://127.0.0.1:{((IPEndPoint)probe.LocalEndpoint).Port}/hooks/hpcmaint/");
        }

        listener.Prefixes.Add(url.ToString());
        listener.Start();
    }

    public void Dispose() => listener.Close();

    [Fact]
    public async Task The_webhook_receives_the_notification_as_a_json_post()
    {
        var answered = Answer(HttpStatusCode.NoContent);

        var problem = await Notifier(TimeSpan.FromSeconds(10)).NotifyAsync(Notification(), CancellationToken.None);

        var request = await answered;
        Assert.Null(problem);
        Assert.Equal(("POST", "application/json"), (request.Method, request.ContentType));
        Assert.Contains("\"node\": \"gpu042\"", request.Body, StringComparison.Ordinal);
        Assert.Contains("gpu.nvidia.ecc", request.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_webhook_answering_an_error_is_reported_with_its_status()
    {
        var answered = Answer(HttpStatusCode.InternalServerError);

        var problem = await Notifier(TimeSpan.FromSeconds(10)).NotifyAsync(Notification(), CancellationToken.None);

        await answered;
        Assert.Equal($"webhook {url}: HTTP 500", problem);
    }

    [Fact]
    public async Task A_webhook_that_never_answers_is_given_up_after_the_timeout()
    {
        var problem = await Notifier(TimeSpan.FromMilliseconds(300)).NotifyAsync(Notification(), CancellationToken.None);

        Assert.Equal($"webhook {url}: no answer in time", problem);
    }

    private ManualNotifier Notifier(TimeSpan timeout) =>
        new(new NotifySettings { Webhook = url, Timeout = timeout }, new ProcessRunner(TimeProvider.System), TimeProvider.System);

    private static ManualNotification Notification() => new(
        "gpu042",
        "hpcmaint: manual: gpu.nvidia.ecc: 3 volatile uncorrectable vs 0",
        new Ticket("gpu.nvidia.ecc", "gpus", LadderStep.Manual, At, At, []),
        [new FailedCheck("gpus", "fail", ["gpu.nvidia.ecc: 3 volatile uncorrectable vs 0"], string.Empty)]);

    private async Task<(string Method, string? ContentType, string Body)> Answer(HttpStatusCode status)
    {
        var context = await listener.GetContextAsync();
        using var reader = new StreamReader(context.Request.InputStream);
        var body = await reader.ReadToEndAsync();
        context.Response.StatusCode = (int)status;
        context.Response.Close();
        return (context.Request.HttpMethod, context.Request.ContentType, body);
    }
}
