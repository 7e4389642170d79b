namespace HpcMaint.Core.Health;

/// <summary>
/// Runs checks in parallel, each on its own pool thread with its own timeout, all within the run's
/// budget. A check that overruns is abandoned with an Error verdict (a stat on a hung NFS mount cannot
/// be interrupted, only left behind); a check that throws is a bug reported as an Error, not a crash.
/// </summary>
public static class CheckRunner
{
    public static async Task<IReadOnlyList<CheckResult>> RunAsync(
        IReadOnlyList<CheckDefinition> checks, IHostProbe probe, TimeSpan budget, TimeProvider time, CancellationToken cancellationToken)
    {
        using var deadline = new CancellationTokenSource(budget, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, cancellationToken);
        var runs = checks.Select(c => RunOneAsync(c, probe, budget, time, linked.Token)).ToArray();
        return await Task.WhenAll(runs).ConfigureAwait(false);
    }

    private static async Task<CheckResult> RunOneAsync(
        CheckDefinition definition, IHostProbe probe, TimeSpan budget, TimeProvider time, CancellationToken runToken)
    {
        var started = time.GetTimestamp();
        var limit = definition.Timeout < budget ? definition.Timeout : budget;
        using var timeout = new CancellationTokenSource(limit, time);
        using var own = CancellationTokenSource.CreateLinkedTokenSource(runToken, timeout.Token);
        string LimitReached() => Reached(definition, budget, runToken);
        var checkProbe = new CheckProbe(probe, LimitReached);
        var work = Task.Run(() => definition.Check.RunAsync(checkProbe, own.Token), own.Token);
        CheckVerdict verdict;
        try
        {
            verdict = await work.WaitAsync(limit, time, runToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException)
        {
            verdict = CheckVerdict.Error(definition.Kind, $"no answer: {LimitReached()}");
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            verdict = CheckVerdict.Error(definition.Kind, $"check failed: {e.GetType().Name}: {e.Message}");
        }

        return new CheckResult(definition, verdict.Printable(), time.GetElapsedTime(started));
    }

    /// <summary>Which limit stopped a check, with its value and the key that sets it.</summary>
    private static string Reached(CheckDefinition definition, TimeSpan budget, CancellationToken runToken) =>
        runToken.IsCancellationRequested || definition.Timeout >= budget
            ? $"the run's time for checks ran out ({Config.DurationText.Format(budget)}, set by [health] budget)"
            : $"the check's timeout ran out ({Config.DurationText.Format(definition.Timeout)}, set by its timeout or [health] check_timeout)";
}
