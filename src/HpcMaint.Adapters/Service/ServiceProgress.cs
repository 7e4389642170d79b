using HpcMaint.Adapters.Rebuild;
using HpcMaint.Core.Rebuild;
using HpcMaint.Core.Service;
using Microsoft.Extensions.Logging;

namespace HpcMaint.Adapters.Service;

/// <summary>
/// A plan the service resumed, told as it runs to the log (journald), and let go once no node may start
/// and none is in flight (<see cref="ServiceRules.MayLeave"/>): <see cref="Leave"/> is then cancelled, the
/// loop stops as at a signal and the plan stays resumable for the next window.
/// </summary>
internal sealed class ServiceProgress(Func<DateTimeOffset, string?> admissionClosed, TimeProvider time, ILogger log) : IRebuildProgress, IDisposable
{
    private readonly CancellationTokenSource leave = new();

    public CancellationToken Leave => leave.Token;

    /// <summary>Why it was let go (the window closed), or null while it runs.</summary>
    public string? LeftBecause { get; private set; }

    public void Started(RebuildPlan plan, string how) =>
        log.LogInformation("plan {Plan} {How}: {Summary}", plan.Id, how, PlanSummary.Of(plan));

    public void Change(NodeChange change) =>
        log.LogInformation("{Node}: {From} -> {To}: {Why}", change.Node, change.Before.Step.Text(), change.After.Step.Text(), change.Why);

    public void Problem(string text) => log.LogWarning("{Problem}", text);

    public void Status(RebuildPlan plan, IReadOnlyList<PartitionBudget> budgets)
    {
        var closed = admissionClosed(time.GetUtcNow());
        if (LeftBecause is null && ServiceRules.MayLeave(plan, closed))
        {
            LeftBecause = closed;
            log.LogInformation("plan {Plan} left until the next window: {Why}", plan.Id, closed);
            leave.Cancel();
        }
    }

    public void Dispose() => leave.Dispose();
}
