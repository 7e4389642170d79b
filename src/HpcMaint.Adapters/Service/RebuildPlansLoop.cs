using HpcMaint.Adapters.Rebuild;
using HpcMaint.Core.Audit;
using HpcMaint.Core.Rebuild;
using HpcMaint.Core.Service;
using Microsoft.Extensions.Logging;

namespace HpcMaint.Adapters.Service;

/// <summary>
/// The service's first loop: on start and every [service] interval, each open rebuild plan in the plan
/// store in turn (oldest first), as <see cref="ServiceRules"/> decides: resumed through
/// <see cref="RebuildFlow"/> (the windows closing admission when they close), its nodes in flight followed,
/// left until a window opens, or, monitor-only, what resuming it would do told and nothing sent. A plan
/// whose lock another process holds is that process's: skipped, with a journal line.
/// </summary>
public sealed class RebuildPlansLoop(
    RebuildFlow flow, RebuildPlanStore store, ServiceSettings settings, bool now, ServiceJournal journal, IAuditJournal audit,
    ServiceMetrics metrics, TimeProvider time, ILogger log) : IServiceLoop
{
    // Monitor-only passes repeat themselves: a plan's report is journalled when it differs from the last.
    private readonly Dictionary<string, string> reported = new(StringComparer.Ordinal);
    private bool? windowWasOpen;
    private string? metricsProblem;

    public string Name => "rebuild plans";

    public async Task RunAsync(bool once, CancellationToken stop)
    {
        while (true)
        {
            await PassAsync(stop).ConfigureAwait(false);
            if (once)
            {
                return;
            }

            await Task.Delay(settings.Interval, time, stop).ConfigureAwait(false);
        }
    }

    /// <summary>One pass over the open plans; a stop during a resumed plan leaves it resumable and ends the pass.</summary>
    public async Task PassAsync(CancellationToken stop)
    {
        var window = MaintenanceWindows.At(settings.Windows, time.GetUtcNow());
        if (windowWasOpen != window.Open)
        {
            journal.Window(window);
            log.LogInformation("{Window}", window.Why);
            windowWasOpen = window.Open;
        }

        foreach (var plan in store.All().Where(p => p.IsResumable))
        {
            stop.ThrowIfCancellationRequested();
            await TurnAsync(plan, stop).ConfigureAwait(false);
        }

        var open = store.All().Where(p => p.IsResumable).ToArray();
        var problem = metrics.Update(open.Length, open.Sum(p => p.Count(RebuildStep.Waiting)), MaintenanceWindows.At(settings.Windows, time.GetUtcNow()), settings.Act, time.GetUtcNow());
        if (problem is not null && problem != metricsProblem)
        {
            log.LogWarning("{Problem}", problem);
        }

        metricsProblem = problem;
    }

    private async Task TurnAsync(RebuildPlan plan, CancellationToken stop)
    {
        var decision = ServiceRules.Decide(plan, settings, MaintenanceWindows.At(settings.Windows, time.GetUtcNow()), now);
        if (decision.Turn is PlanTurn.Halted or PlanTurn.Wait)
        {
            Tell(plan.Id, decision.Turn.ToString(), () => journal.Turn(plan.Id, decision));
            return;
        }

        var held = flow.Hold(plan);
        if (!held.IsSuccess)
        {
            Tell(plan.Id, "skip", () => journal.Skipped(plan.Id, held.Problem!.Words));
            return;
        }

        using (held.Value)
        {
            if (decision.Turn == PlanTurn.Report)
            {
                await ReportAsync(held.Value.Plan, decision, stop).ConfigureAwait(false);
                return;
            }

            reported.Remove(plan.Id);
            journal.Turn(plan.Id, decision);
            await ResumeAsync(held.Value, stop).ConfigureAwait(false);
        }
    }

    private async Task ResumeAsync(HeldPlan held, CancellationToken stop)
    {
        string? Closed(DateTimeOffset at) => ServiceRules.AdmissionClosed(MaintenanceWindows.At(settings.Windows, at), now);
        using var progress = new ServiceProgress(Closed, time, log);
        using var run = CancellationTokenSource.CreateLinkedTokenSource(stop, progress.Leave);
        var ended = await flow.ResumeAsync(held, maxFailures: null, retryFailed: false, progress, run.Token, Closed).ConfigureAwait(false);
        if (!ended.IsSuccess)
        {
            journal.Problem(held.Plan.Id, ended.Problem!.Words);
            log.LogWarning("plan {Plan}: {Problem}", held.Plan.Id, ended.Problem.Words);
            return;
        }

        stop.ThrowIfCancellationRequested();
        var end = ended.Value;
        log.LogInformation("plan {Plan} {How}: {Summary}", end.Plan.Id, progress.LeftBecause is { } why ? "left: " + why : end.Plan.Status.ToString().ToLowerInvariant(), PlanSummary.Of(end.Plan));
    }

    /// <summary>Monitor-only: the pass resuming the plan would make now, journalled (as a dry run) when it changed; nothing is sent.</summary>
    private async Task ReportAsync(RebuildPlan plan, PlanTurnDecision decision, CancellationToken stop)
    {
        var closed = ServiceRules.AdmissionClosed(MaintenanceWindows.At(settings.Windows, time.GetUtcNow()), now);
        var turn = await flow.PreviewAsync(plan, closed, stop).ConfigureAwait(false);
        if (!turn.IsSuccess)
        {
            Tell(plan.Id, "problem:" + turn.Problem!.Words, () => journal.Problem(plan.Id, turn.Problem.Words));
            return;
        }

        var lines = ServiceReport.Lines(turn.Value);
        Tell(plan.Id, decision.Why + "\n" + string.Join('\n', lines.Select(l => l.Node + ": " + l.What)), () =>
        {
            journal.Turn(plan.Id, decision);
            var rebuild = new RebuildJournal(audit, time, dryRun: true);
            foreach (var change in turn.Value.Changes)
            {
                rebuild.Change(turn.Value.Plan, change, turn.Value.Decision.Budgets);
            }

            foreach (var (node, what) in lines)
            {
                journal.Would(plan.Id, node, what);
                log.LogInformation("plan {Plan}: monitor-only, would: {Node}: {What}", plan.Id, node ?? "-", what);
            }
        });
    }

    /// <summary>Journals a plan's news only when it differs from what this process told last.</summary>
    private void Tell(string plan, string news, Action write)
    {
        if (reported.TryGetValue(plan, out var last) && last == news)
        {
            return;
        }

        reported[plan] = news;
        write();
    }
}
