using Microsoft.Extensions.Logging;

namespace HpcMaint.Adapters.Service;

/// <summary>
/// Runs the service's loops side by side until the stop (SIGTERM, SIGINT) or, with once, until each has
/// made its pass; tells systemd READY=1 once they run and STOPPING=1 when the stop comes. A loop that
/// throws stops the others and fails the run (Restart=on-failure starts the service again).
/// </summary>
public sealed class ServiceHost(IReadOnlyList<IServiceLoop> loops, SystemdNotifier systemd, ServiceJournal journal, ILogger log)
{
    /// <summary>True when every loop ended as asked (their pass done, or the stop); false when one failed.</summary>
    public async Task<bool> RunAsync(bool once, CancellationToken stop)
    {
        using var failed = CancellationTokenSource.CreateLinkedTokenSource(stop);
        using var stopping = stop.Register(() => Tell("STOPPING=1"));
        journal.Started(loops.Select(l => l.Name), once);
        var running = loops.Select(loop => RunOneAsync(loop, once, failed)).ToArray();
        Tell("READY=1");
        var ok = (await Task.WhenAll(running).ConfigureAwait(false)).All(r => r);
        journal.Stopped(stop.IsCancellationRequested ? "stopped by a signal (SIGTERM or SIGINT); open plans stay resumable" : ok ? "pass done" : "a loop failed", ok);
        return ok;
    }

    private async Task<bool> RunOneAsync(IServiceLoop loop, bool once, CancellationTokenSource all)
    {
        try
        {
            await loop.RunAsync(once, all.Token).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException) when (all.IsCancellationRequested)
        {
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            log.LogError("{Loop} failed: {Error}", loop.Name, e.Message);
            journal.LoopFailed(loop.Name, e.Message);
            await all.CancelAsync().ConfigureAwait(false);
            return false;
        }
    }

    private void Tell(string state)
    {
        if (systemd.Notify(state) is { } problem)
        {
            log.LogWarning("{Problem}", problem);
        }
    }
}
