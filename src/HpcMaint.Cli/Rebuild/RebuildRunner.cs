using HpcMaint.Adapters.Rebuild;
using HpcMaint.Adapters.Slurm;
using HpcMaint.Core.Rebuild;

namespace HpcMaint.Cli.Rebuild;

/// <summary>
/// Runs a plan to its end: read the cluster, let the core decide, save the plan, then act. The plan is
/// saved before every action (a submission is recorded as "submitting" before sbatch runs and as
/// "submitted" with its job id after), so a runner killed at any point can be resumed without a node
/// being rebuilt twice.
/// </summary>
internal sealed class RebuildRunner(RebuildContext context, RebuildJournal journal, ProgressView view)
{
    private readonly Dictionary<string, Task<(bool Passed, string Detail)>> gates = new(StringComparer.Ordinal);
    private readonly GateRunner gateRunner = new(context.Runner, context.Settings);
    private readonly FailedNodeDrainer failedDrainer = new(context);
    private IReadOnlyList<PartitionBudget> budgets = [];
    private RebuildPlan plan = null!;
    private ControllerOutage? outage;
    private string? metricsProblem;

    public async Task<RebuildPlan> RunAsync(RebuildPlan start, CancellationToken ct)
    {
        plan = start;
        while (true)
        {
            await CollectGatesAsync(ct).ConfigureAwait(false);
            var (_, error, unreachable, turn) = await context.PassAsync(plan, ct).ConfigureAwait(false);
            SeeController(unreachable, error);
            if (turn is null && !unreachable)
            {
                view.Problem("cannot read the cluster (will try again): " + error);
            }
            else if (turn is not null)
            {
                budgets = turn.Decision.Budgets;
                Record(turn.Plan, turn.Changes);
                foreach (var action in turn.Actions)
                {
                    await ActAsync(action, ct).ConfigureAwait(false);
                }

                view.Status(plan, budgets);
            }

            Publish();
            if (!plan.IsOpen && gates.Count == 0)
            {
                return plan;
            }

            await Task.Delay(context.Settings.PollInterval, context.Time, ct).ConfigureAwait(false);
        }
    }

    private void Record(RebuildPlan next, IReadOnlyList<NodeChange> changes)
    {
        var wasOpen = plan.IsOpen;
        plan = next.Settle();
        if (changes.Count == 0 && wasOpen == plan.IsOpen)
        {
            return;
        }

        context.Store.Save(plan);
        foreach (var change in changes)
        {
            journal.Change(plan, change, budgets);
            view.Change(change);
        }

        if (wasOpen && !plan.IsOpen)
        {
            journal.PlanEnded(plan, plan.Status == PlanStatus.Halted ? "halted" : "finished");
        }
    }

    private void Record(NodeChange change) => Record(plan.With(change.After), [change]);

    /// <summary>The plan's progress to [rebuild] metrics_file (written only when it changed); a problem is told once.</summary>
    private void Publish()
    {
        var problem = context.Metrics.Update(plan, budgets, controllerReachable: outage is null);
        if (problem is not null && problem != metricsProblem)
        {
            view.Problem(problem);
        }

        metricsProblem = problem;
    }

    /// <summary>Tells an outage of slurmctld once when it begins and once when it ends, on screen and in the journal.</summary>
    private void SeeController(bool unreachable, string? error)
    {
        (outage, var news) = ControllerOutage.Next(outage, unreachable, error, context.Time.GetUtcNow());
        if (news is not null)
        {
            journal.Outage(plan, news);
            view.Problem(news.Text);
        }
    }

    private async Task ActAsync(RebuildAction action, CancellationToken ct)
    {
        var planned = plan.Find(action.Node)!;
        var now = context.Time.GetUtcNow();
        switch (action)
        {
            case RebuildAction.Submit submit:
                var request = RebuildJobRequest.For(plan, submit.Node, submit.Reservation, context.Settings);
                var job = await context.Slurm.SubmitAsync(request, ct).ConfigureAwait(false);
                SeeController(job.ControllerUnreachable, job.Error);
                Record(job.IsSuccess ? RebuildOutcomes.Submitted(planned, job.Value, now) : RebuildOutcomes.SubmitFailed(planned, job.Error!, now));
                break;
            case RebuildAction.Drain drain:
                await MustAsync(planned, "drain", context.Slurm.DrainAsync([drain.Node], drain.Reason, ct)).ConfigureAwait(false);
                break;
            case RebuildAction.Reboot reboot:
                await MustAsync(planned, "scontrol reboot", context.Slurm.RebootAsync([reboot.Node], new RebootRequest(Reason: reboot.Reason), ct)).ConfigureAwait(false);
                break;
            case RebuildAction.DrainFailed failed:
                await DrainFailedAsync(failed.Node, failed.Detail, ct).ConfigureAwait(false);
                break;
            case RebuildAction.Gate gate when !gates.ContainsKey(gate.Node):
                gates[gate.Node] = gateRunner.RunAsync(plan, gate.Node, ct);
                break;
        }
    }

    private async Task MustAsync(PlannedNode planned, string what, Task<SlurmResult<string>> command)
    {
        var result = await command.ConfigureAwait(false);
        SeeController(result.ControllerUnreachable, result.Error);
        if (!result.IsSuccess)
        {
            Record(RebuildOutcomes.ActionFailed(planned, what, result.Error!, context.Time.GetUtcNow()));
        }
    }

    private async Task DrainFailedAsync(string node, string detail, CancellationToken ct)
    {
        var (ok, what) = await failedDrainer.DrainAsync(node, detail, ct).ConfigureAwait(false);
        journal.FailedNodeDrained(plan, node, what, ok);
        view.Problem($"{node}: {what}");
    }

    /// <summary>Gates that ended: pass → resume the node (only our drain), fail → keep it drained, reason says why.</summary>
    private async Task CollectGatesAsync(CancellationToken ct)
    {
        foreach (var (node, task) in gates.Where(g => g.Value.IsCompleted).ToArray())
        {
            gates.Remove(node);
            var (passed, detail) = await task.ConfigureAwait(false);
            var planned = plan.Find(node)!;
            var now = context.Time.GetUtcNow();
            if (!passed)
            {
                Record(RebuildOutcomes.GateFailed(planned, detail, now));
                await DrainFailedAsync(node, "gate failed: " + detail, ct).ConfigureAwait(false);
                continue;
            }

            var resumed = await context.Slurm.ResumeAsync([node], ct).ConfigureAwait(false);
            SeeController(resumed.ControllerUnreachable, resumed.Error);
            if (resumed.ControllerUnreachable)
            {
                // The gate passed; only slurmctld is missing. Resume it on a later pass rather than fail it.
                gates[node] = task;
                continue;
            }

            Record(resumed.IsSuccess ? RebuildOutcomes.GatePassed(planned, now) : RebuildOutcomes.ActionFailed(planned, "resume after the gate", resumed.Error!, now));
        }
    }
}
