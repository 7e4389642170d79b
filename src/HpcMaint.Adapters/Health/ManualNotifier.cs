using System.Net.Http.Headers;
using HpcMaint.Adapters.Processes;
using HpcMaint.Core.Health;
using HpcMaint.Core.Remediation;

namespace HpcMaint.Adapters.Health;

/// <summary>
/// Tells people a node reached the manual step: runs the configured command with the notification as
/// JSON on standard input, and/or POSTs it to the webhook. Returns what failed, or null.
/// </summary>
public sealed class ManualNotifier(NotifySettings settings, ICommandRunner runner, TimeProvider time)
{
    public async Task<string?> NotifyAsync(ManualNotification notification, CancellationToken cancellationToken)
    {
        if (settings.Command is null && settings.Webhook is null)
        {
            return "no [health.notify] command or webhook is configured; the node waits at the manual step (see hpcmaint status)";
        }

        var body = ManualNotificationJson.Write(notification);
        var problems = new List<string>();
        if (settings.Command is { } argv)
        {
            var result = await runner.RunAsync(
                Command.For(argv[0]).WithArguments(argv.Skip(1).Select(a => a.Replace("{node}", notification.Node, StringComparison.Ordinal)))
                    .WithStandardInput(body).WithTimeout(settings.Timeout),
                cancellationToken).ConfigureAwait(false);
            if (!result.IsSuccess)
            {
                problems.Add($"notify command {argv[0]}: {result.Outcome} {result.ExitCode} {result.StandardError.Trim()}".TrimEnd());
            }
        }

        if (settings.Webhook is { } url)
        {
            problems.AddRange(await PostAsync(url, body, cancellationToken).ConfigureAwait(false) is { } p ? [p] : []);
        }

        return problems.Count == 0 ? null : string.Join("; ", problems);
    }

    private async Task<string?> PostAsync(Uri url, string body, CancellationToken cancellationToken)
    {
        using var client = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        using var limit = new CancellationTokenSource(settings.Timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(limit.Token, cancellationToken);
        using var content = new StringContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        try
        {
            using var response = await client.PostAsync(url, content, linked.Token).ConfigureAwait(false);
            return response.IsSuccessStatusCode ? null : $"webhook {url}: HTTP {(int)response.StatusCode}";
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
        {
            return $"webhook {url}: {(e is OperationCanceledException ? "no answer in time" : e.Message)}";
        }
    }
}
