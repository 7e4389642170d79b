using HpcMaint.Adapters.Metrics;
using HpcMaint.Core.Rebuild;

namespace HpcMaint.Adapters.Rebuild;

/// <summary>
/// [rebuild] metrics_file: each plan's progress (nodes by step, status, failure limit, budget use per
/// partition, whether slurmctld answers), one set of lines per plan in a file every `hpcmaint rebuild`
/// shares (plans run at once; <see cref="CounterFile"/>'s lock makes them take turns). A runner rewrites
/// its plan's lines only when they changed; a finished or cancelled plan's lines go a day after it ended.
/// </summary>
public sealed class PlanMetrics(string? path, TimeProvider time)
{
    public const string Nodes = "hpcmaint_rebuild_plan_nodes";
    public const string Status = "hpcmaint_rebuild_plan_status";
    public const string MaxFailures = "hpcmaint_rebuild_plan_max_failures";
    public const string BudgetOut = "hpcmaint_rebuild_budget_nodes_out";
    public const string BudgetLimit = "hpcmaint_rebuild_budget_nodes_limit";
    public const string ControllerReachable = "hpcmaint_rebuild_controller_reachable";
    public const string LastChange = "hpcmaint_rebuild_plan_last_change_timestamp_seconds";
    public const string Stalled = "hpcmaint_rebuild_plan_stalled";
    public const string StalledSince = "hpcmaint_rebuild_plan_stalled_since_timestamp_seconds";
    public const string StalledBy = "hpcmaint_rebuild_plan_stalled_by";

    // Long enough for a dashboard and an alert to see how a plan ended; Prometheus keeps the history.
    private static readonly TimeSpan KeptAfterEnd = TimeSpan.FromDays(1);

    private string? written;

    /// <summary>
    /// Writes the plan's lines when they differ from what this process wrote last; returns what went wrong,
    /// or null. <paramref name="controllerReachable"/> null: not known (its line is left out).
    /// </summary>
    public string? Update(RebuildPlan plan, IReadOnlyList<PartitionBudget> budgets, bool? controllerReachable)
    {
        if (path is null)
        {
            return null;
        }

        var changes = Of(plan, budgets, controllerReachable);
        var text = string.Join('\n', changes.Select(c => c.Sample + MetricsText.Labels(c.Labels) + " " + MetricsText.Number(c.Amount)));
        if (text == written)
        {
            return null;
        }

        var now = time.GetUtcNow();
        var problem = CounterFile.Update(path, families =>
        {
            var gone = EndedBefore(families, now - KeptAfterEnd);
            families.Remove(s => s.Label("plan") is { } id && (id == plan.Id || gone.Contains(id)));
            families.Apply(changes);
            families.Apply(MetricChange.GaugeTo(LastChange, "When the plan's lines last changed (Unix time).", now.ToUnixTimeSeconds(), ("plan", plan.Id)));
        });
        if (problem is not null)
        {
            return $"cannot write [rebuild] metrics_file {path}: {problem}";
        }

        written = text;
        return null;
    }

    public static IReadOnlyList<MetricChange> Of(RebuildPlan plan, IReadOnlyList<PartitionBudget> budgets, bool? controllerReachable)
    {
        var id = ("plan", plan.Id);
        var changes = new List<MetricChange>();
        foreach (var step in Enum.GetValues<RebuildStep>())
        {
            changes.Add(MetricChange.GaugeTo(Nodes, "The plan's nodes at each step (waiting, submitted, done, failed, …).", plan.Count(step), id, ("step", step.Text())));
        }

        foreach (var status in Enum.GetValues<PlanStatus>())
        {
            changes.Add(MetricChange.GaugeTo(Status, "1 for the plan's status (running, finished, cancelled, halted), 0 for the others.", plan.Status == status ? 1 : 0, id, ("status", status.ToString().ToLowerInvariant())));
        }

        changes.Add(MetricChange.GaugeTo(MaxFailures, "Failed nodes the plan tolerates (--max-failures); one more than this in step=\"failed\" halts it.", plan.MaxFailures, id));
        foreach (var budget in budgets)
        {
            changes.Add(MetricChange.GaugeTo(BudgetOut, "Nodes of the partition out of service, as the plan's last pass counted them against its budget.", budget.Unavailable.Count, id, ("partition", budget.Partition)));
            changes.Add(MetricChange.GaugeTo(BudgetLimit, "Nodes of the partition the plan lets be out of service at once (--max-down).", budget.Limit, id, ("partition", budget.Partition)));
        }

        changes.Add(MetricChange.GaugeTo(Stalled, "1 while the plan can start nothing, with nothing in flight, because of nodes outside its control; else 0.", plan.Stall is null ? 0 : 1, id));
        if (plan.Stall is { } stall)
        {
            changes.Add(MetricChange.GaugeTo(StalledSince, "When the plan's stall began (Unix time); only while it is stalled.", stall.Since.ToUnixTimeSeconds(), id));
            foreach (var b in stall.By)
            {
                changes.Add(MetricChange.GaugeTo(StalledBy, "1 for each node holding the stalled plan back, with why (drained, down, reservation, rebuild_job, other).", 1, id, ("node", b.Node), ("cause", b.Cause)));
            }
        }

        if (controllerReachable is { } reachable)
        {
            changes.Add(MetricChange.GaugeTo(ControllerReachable, "1 when slurmctld answered the plan's runner, 0 while it does not.", reachable ? 1 : 0, id));
        }

        return changes;
    }

    private static HashSet<string> EndedBefore(MetricFamilies families, DateTimeOffset cutoff)
    {
        var ended = families.Samples(Status)
            .Where(s => s.Value == 1 && s.Label("status") is "finished" or "cancelled")
            .Select(s => s.Label("plan"))
            .OfType<string>()
            .ToHashSet(StringComparer.Ordinal);
        return families.Samples(LastChange)
            .Where(s => s.Label("plan") is { } id && ended.Contains(id) && s.Value < cutoff.ToUnixTimeSeconds())
            .Select(s => s.Label("plan")!)
            .ToHashSet(StringComparer.Ordinal);
    }
}
