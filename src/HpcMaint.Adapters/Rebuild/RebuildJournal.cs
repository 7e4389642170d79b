using System.Globalization;
using HpcMaint.Adapters.Rebuild;
using HpcMaint.Core.Audit;
using HpcMaint.Core.Rebuild;

namespace HpcMaint.Adapters.Rebuild;

/// <summary>Every rebuild decision to the audit journal, with the budget arithmetic behind it.</summary>
public sealed class RebuildJournal(IAuditJournal journal, TimeProvider time, bool dryRun)
{
    public const string Actor = "hpcmaint rebuild";

    public void PlanMade(RebuildPlan plan, IEnumerable<PartitionBudget> budgets)
    {
        var details = new Dictionary<string, string>
        {
            ["selection"] = plan.Selection,
            ["budgets"] = string.Join("; ", budgets),
        };
        if (plan.Gate is { } gate)
        {
            details["gate"] = RebuildJobRequest.Typed(gate);
        }

        if (plan.SbatchOptions.Count > 0)
        {
            details["sbatch_options"] = RebuildJobRequest.Typed(plan.SbatchOptions);
        }

        Write(null, "rebuild.plan", $"{plan.Nodes.Count} node(s) to {plan.Target} by {plan.Strategy.ToString().ToLowerInvariant()}, at most {plan.MaxDownPercent} % down", AuditOutcome.Planned, plan, details);
    }

    public void PlanEnded(RebuildPlan plan, string what) =>
        Write(null, "rebuild." + what, string.Join(", ", Enum.GetValues<RebuildStep>().Where(s => plan.Count(s) > 0).Select(s => $"{plan.Count(s)} {s.Text()}")),
            AuditOutcome.Succeeded, plan, new Dictionary<string, string>());

    /// <summary>slurmctld stopped answering (Failed), or answers again (Succeeded, with how long it was gone).</summary>
    public void Outage(RebuildPlan plan, OutageNews news)
    {
        var details = new Dictionary<string, string> { ["since"] = news.Outage.Since.ToString("O", CultureInfo.InvariantCulture) };
        if (!news.Began)
        {
            details["outage_seconds"] = news.Seconds;
        }

        Write(null, news.Began ? "rebuild.controller_down" : "rebuild.controller_back", news.Text, news.Began ? AuditOutcome.Failed : AuditOutcome.Succeeded, plan, details);
    }

    /// <summary>The plan stalled on nodes outside its control (Failed), or goes on again (Succeeded, with how long it stalled).</summary>
    public void Stall(RebuildPlan plan, StallNews news)
    {
        var details = new Dictionary<string, string>
        {
            ["since"] = news.Stall.Since.ToString("O", CultureInfo.InvariantCulture),
            ["by"] = string.Join(",", news.Stall.By.Select(b => b.Node)),
        };
        if (!news.Began)
        {
            details["stall_seconds"] = news.Seconds;
        }

        Write(null, news.Began ? "rebuild.stalled" : "rebuild.unstalled", news.Text, news.Began ? AuditOutcome.Failed : AuditOutcome.Succeeded, plan, details);
    }

    /// <summary>
    /// The runner was stopped (SIGTERM or Ctrl-C), or let go by the service (<paramref name="leftBecause"/>:
    /// its window closed), with the plan still open: it stays resumable.
    /// </summary>
    public void Stopped(RebuildPlan plan, string? leftBecause = null) =>
        Write(null, "rebuild.stop", (leftBecause is null ? "stopped by a signal (SIGTERM or SIGINT)" : "left by the service (" + leftBecause + ")")
                + $" with the plan {plan.Status.ToString().ToLowerInvariant()}; jobs already queued carry on; continue with `{plan.Verb} resume {plan.Id}`",
            AuditOutcome.Skipped, plan, new Dictionary<string, string>());

    public void Resumed(RebuildPlan plan, RebuildPlan before) =>
        Write(null, "rebuild.resume", before.MaxFailures == plan.MaxFailures
                ? $"resumed: {PlanSummary.Of(plan)}"
                : $"resumed, tolerating {plan.MaxFailures} failed node(s) (was {before.MaxFailures}): {PlanSummary.Of(plan)}",
            AuditOutcome.Planned, plan, new Dictionary<string, string>());

    public void Change(RebuildPlan plan, NodeChange change, IReadOnlyList<PartitionBudget> budgets)
    {
        var (action, outcome) = Classify(change);
        var details = new Dictionary<string, string>
        {
            ["from"] = change.Before.Step.Text(),
            ["to"] = change.After.Step.Text(),
        };
        if (change.After.JobId is { } job)
        {
            details["job_id"] = job.ToString(CultureInfo.InvariantCulture);
        }

        if (action is "rebuild.admit" or "rebuild.defer")
        {
            details["budgets"] = string.Join("; ", budgets);
        }

        Write(change.Node, action, change.Why, outcome, plan, details);
    }

    /// <summary>What was done to keep a node whose rebuild failed out of service (drain, ticket), or why not.</summary>
    public void FailedNodeDrained(RebuildPlan plan, string node, string what, bool ok) =>
        Write(node, "rebuild.drain", what, ok ? AuditOutcome.Succeeded : AuditOutcome.Failed, plan, new Dictionary<string, string>());

    /// <summary>A reservation's start moved (its node's last job ended early or was extended), or why not.</summary>
    public void ReservationMoved(RebuildPlan plan, RebuildAction.MoveReservation move, string? error) =>
        Write(move.Node, "rebuild.reservation_move", error is null ? $"reservation {move.Name} now starts {(move.Start is { } at ? at.ToString("u", CultureInfo.InvariantCulture) : "now")}" : $"cannot move reservation {move.Name}: {error}",
            error is null ? AuditOutcome.Succeeded : AuditOutcome.Failed, plan, new Dictionary<string, string> { ["reservation"] = move.Name });

    /// <summary>A preemptable job on the node requeued once its reservation started (--terminate-preemptable), or Slurm's refusal.</summary>
    public void JobRequeued(RebuildPlan plan, RebuildAction.Requeue requeue, string? error) =>
        Write(requeue.Node, "rebuild.requeue", error is null ? $"preemptable job {requeue.JobId} requeued" : $"Slurm refused to requeue job {requeue.JobId}; waiting for its end: {error}",
            error is null ? AuditOutcome.Succeeded : AuditOutcome.Failed, plan, new Dictionary<string, string> { ["job"] = requeue.JobId.ToString(CultureInfo.InvariantCulture) });

    /// <summary>The plan's reservation for the node deleted (the node is back in service unless drained as failed), or why not.</summary>
    public void ReservationDeleted(RebuildPlan plan, string node, string name, string? error) =>
        Write(node, "rebuild.reservation_delete", error is null ? $"reservation {name} deleted" : $"cannot delete reservation {name}: {error}",
            error is null ? AuditOutcome.Succeeded : AuditOutcome.Failed, plan, new Dictionary<string, string> { ["reservation"] = name });

    private static (string Action, AuditOutcome Outcome) Classify(NodeChange change) => change.After.Step switch
    {
        RebuildStep.Skipped => ("rebuild.skip", AuditOutcome.Skipped),
        RebuildStep.Submitting or RebuildStep.Draining or RebuildStep.Reserving when change.StepChanged => ("rebuild.admit", AuditOutcome.Planned),
        RebuildStep.Reserved when change.StepChanged => ("rebuild.reservation", AuditOutcome.Succeeded),
        RebuildStep.Reserved => ("rebuild.reservation_wait", AuditOutcome.Planned),
        RebuildStep.Releasing => ("rebuild.release", AuditOutcome.Planned),
        RebuildStep.Submitted when change.StepChanged => ("rebuild.submit", AuditOutcome.Succeeded),
        RebuildStep.Submitted => ("rebuild.job", AuditOutcome.Succeeded),
        RebuildStep.Waiting when change.StepChanged => ("rebuild.retry", AuditOutcome.Planned),
        RebuildStep.Waiting => ("rebuild.defer", AuditOutcome.Planned),
        RebuildStep.Rebooting => ("rebuild.reboot", AuditOutcome.Planned),
        RebuildStep.Gating => ("rebuild.gate", AuditOutcome.Planned),
        RebuildStep.Done => ("rebuild.done", AuditOutcome.Succeeded),
        RebuildStep.Failed => ("rebuild.fail", AuditOutcome.Failed),
        RebuildStep.Cancelled => ("rebuild.cancel", AuditOutcome.Skipped),
        RebuildStep.Excluded => ("rebuild.exclude", AuditOutcome.Skipped),
        _ => ("rebuild.note", AuditOutcome.Planned),
    };

    private void Write(string? node, string action, string reason, AuditOutcome outcome, RebuildPlan plan, Dictionary<string, string> details)
    {
        details["plan"] = plan.Id;
        details["image"] = plan.Image;
        details["kind"] = plan.Kind.ToString().ToLowerInvariant();
        details["max_down_percent"] = plan.MaxDownPercent.ToString(CultureInfo.InvariantCulture);
        journal.Append(new AuditRecord(time.GetUtcNow(), Actor, node, action, reason, dryRun, outcome, details));
    }
}
