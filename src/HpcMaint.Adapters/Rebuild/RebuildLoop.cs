using HpcMaint.Adapters.Slurm;
using HpcMaint.Core;
using HpcMaint.Core.Rebuild;
using Microsoft.Extensions.Logging;

namespace HpcMaint.Adapters.Rebuild;

/// <summary>
/// Runs a plan to its end: read the cluster, let the core decide (<see cref="RebuildStepper"/>, and
/// <see cref="GateVerdict"/> for a gate run here), save the plan, then act. The plan is saved before every
/// action (a submission is recorded as "submitting" before sbatch runs and as "submitted" with its job id
/// after), so a loop killed at any point can be resumed without a node being rebuilt twice.
/// </summary>
public sealed class RebuildLoop(
    ISlurmNodeStates nodes, ISlurmJobs jobs, ISlurmReservations reservations, ClusterReader reader, RebuildPlanStore store, PlanMetrics metrics, RebuildJournal journal,
    GateRunner gateRunner, FailedNodeDrainer failedDrainer, RebuildSettings settings, TimeProvider time, ILogger log)
{
    private readonly Dictionary<string, Task<(bool Passed, string Detail)>> gates = new(StringComparer.Ordinal);
    private IReadOnlyList<PartitionBudget> budgets = [];
    private RebuildPlan plan = null!;
    private ControllerOutage? outage;
    private string? metricsProblem;
    private IRebuildProgress view = null!;

    /// <summary>Why no node may start at a moment (outside every maintenance window), or null: the service's windows; a plain run admits always.</summary>
    public Func<DateTimeOffset, string?> AdmissionClosed { get; init; } = _ => null;

    public async Task<RebuildPlan> RunAsync(RebuildPlan start, IRebuildProgress progress, CancellationToken ct)
    {
        plan = start;
        view = progress;
        while (true)
        {
            await CollectGatesAsync(ct).ConfigureAwait(false);
            var (error, unreachable, turn) = await PassAsync(ct).ConfigureAwait(false);
            SeeController(unreachable, error);
            if (turn is null && !unreachable)
            {
                view.Problem("cannot read the cluster (will try again): " + error);
            }
            else if (turn is not null)
            {
                budgets = turn.Decision.Budgets;
                Record(turn.Plan, turn.Changes);
                TellStall(turn.StallNews);
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

            await Task.Delay(settings.PollInterval, time, ct).ConfigureAwait(false);
        }
    }

    /// <summary>Reads the cluster and decides one pass, logging (at debug) how long each took.</summary>
    private async Task<(string? Error, bool ControllerUnreachable, RebuildTurn? Turn)> PassAsync(CancellationToken ct)
    {
        var start = time.GetTimestamp();
        var read = await reader.ReadAsync(ct, withTopology: plan.MaxDownPerSwitch is not null, withPreemption: plan.Strategy == RebuildStrategy.Reservation).ConfigureAwait(false);
        var took = time.GetElapsedTime(start);
        if (!read.IsSuccess)
        {
            return (read.Problem!.Words, read.Problem.Kind == ProblemKind.Unreachable, null);
        }

        var cluster = read.Value;
        var decided = time.GetTimestamp();
        var turn = RebuildStepper.Next(plan, cluster, settings, AdmissionClosed(cluster.Now));
        PassTiming.Log(log, took, reader.ImageSourceName, cluster.Nodes.Count, time.GetElapsedTime(decided), turn);
        return (null, false, turn);
    }

    private void Record(RebuildPlan next, IReadOnlyList<NodeChange> changes)
    {
        var wasOpen = plan.IsOpen;
        var stallBefore = plan.Stall;
        plan = next.Settle();
        if (changes.Count == 0 && wasOpen == plan.IsOpen && (plan.Stall?.SameAs(stallBefore) ?? stallBefore is null))
        {
            return;
        }

        store.Save(plan);
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
        var problem = metrics.Update(plan, budgets, controllerReachable: outage is null);
        if (problem is not null && problem != metricsProblem)
        {
            view.Problem(problem);
        }

        metricsProblem = problem;
    }

    /// <summary>Tells a stall once when it begins and once when it ends, on screen and in the journal (the plan, saved, shows it meanwhile).</summary>
    private void TellStall(StallNews? news)
    {
        if (news is not null)
        {
            journal.Stall(plan, news);
            view.Problem(news.Text);
        }
    }

    /// <summary>Tells an outage of slurmctld once when it begins and once when it ends, on screen and in the journal.</summary>
    private void SeeController(bool unreachable, string? error)
    {
        (outage, var news) = ControllerOutage.Next(outage, unreachable, error, time.GetUtcNow());
        if (news is not null)
        {
            journal.Outage(plan, news);
            view.Problem(news.Text);
        }
    }

    private async Task ActAsync(RebuildAction action, CancellationToken ct)
    {
        var planned = plan.Find(action.Node)!;
        var now = time.GetUtcNow();
        switch (action)
        {
            case RebuildAction.Submit submit:
                var request = RebuildJobRequest.For(plan, submit.Node, submit.Reservation, settings);
                var job = await jobs.SubmitAsync(request, ct).ConfigureAwait(false);
                SeeController(job.ControllerUnreachable, job.Error);
                Record(job.IsSuccess ? RebuildOutcomes.Submitted(planned, job.Value, now) : RebuildOutcomes.SubmitFailed(planned, job.Error!, now));
                break;
            case RebuildAction.Drain drain:
                await MustAsync(planned, "drain", nodes.DrainAsync([drain.Node], drain.Reason, ct)).ConfigureAwait(false);
                break;
            case RebuildAction.Reboot reboot when plan.Strategy == RebuildStrategy.Reservation:
                // A refused reboot is one attempt that will time out, then be tried again (ReservationTracker).
                var rebooted = await nodes.RebootAsync([reboot.Node], new RebootRequest(Reason: reboot.Reason), ct).ConfigureAwait(false);
                SeeController(rebooted.ControllerUnreachable, rebooted.Error);
                if (!rebooted.IsSuccess)
                {
                    Record(ReservationTracker.RebootRefused(planned, rebooted.Error!));
                }

                break;
            case RebuildAction.Reboot reboot:
                await MustAsync(planned, "scontrol reboot", nodes.RebootAsync([reboot.Node], new RebootRequest(Reason: reboot.Reason), ct)).ConfigureAwait(false);
                break;
            case RebuildAction.Requeue requeue:
                // Asked once (PlannedNode.RequeueAsked); a refusal is journalled and the node waits for the job's end. Never scancel.
                var requeued = await jobs.RequeueJobAsync(requeue.JobId, ct).ConfigureAwait(false);
                SeeController(requeued.ControllerUnreachable, requeued.Error);
                journal.JobRequeued(plan, requeue, requeued.Error);
                if (!requeued.IsSuccess)
                {
                    view.Problem($"{requeue.Node}: Slurm refused to requeue job {requeue.JobId} (waiting for its end instead): {requeued.Error}");
                }

                break;
            case RebuildAction.Reserve reserve:
                var created = await reservations.CreateReservationAsync(new ReservationRequest(reserve.Name, [reserve.Node], ReservationTimes.Start(reserve.Start, now)), ct).ConfigureAwait(false);
                SeeController(created.ControllerUnreachable, created.Error);
                Record(created.IsSuccess ? ReservationTracker.Reserved(planned, reserve, now) : RebuildOutcomes.ActionFailed(planned, "scontrol create reservation", created.Error!, now));
                break;
            case RebuildAction.MoveReservation move:
                var moved = await reservations.UpdateReservationAsync(move.Name, new Dictionary<string, string> { ["starttime"] = ReservationTimes.Start(move.Start, now) }, ct).ConfigureAwait(false);
                SeeController(moved.ControllerUnreachable, moved.Error);
                journal.ReservationMoved(plan, move, moved.Error);
                if (!moved.IsSuccess)
                {
                    view.Problem($"{move.Node}: cannot move reservation {move.Name} (will try again): {moved.Error}");
                }

                break;
            case RebuildAction.Release release:
                var deleted = await reservations.DeleteReservationAsync(release.Name, ct).ConfigureAwait(false);
                SeeController(deleted.ControllerUnreachable, deleted.Error);
                journal.ReservationDeleted(plan, release.Node, release.Name, deleted.Error);
                if (!deleted.IsSuccess)
                {
                    view.Problem($"{release.Node}: cannot delete reservation {release.Name} (will try again): {deleted.Error}");
                }

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
            Record(RebuildOutcomes.ActionFailed(planned, what, result.Error!, time.GetUtcNow()));
        }
    }

    private async Task DrainFailedAsync(string node, string detail, CancellationToken ct)
    {
        var (ok, what) = await failedDrainer.DrainAsync(node, detail, ct).ConfigureAwait(false);
        journal.FailedNodeDrained(plan, node, what, ok);
        view.Problem($"{node}: {what}");
    }

    /// <summary>Gates that ended, carried out as <see cref="GateVerdict"/> decides.</summary>
    private async Task CollectGatesAsync(CancellationToken ct)
    {
        foreach (var (node, task) in gates.Where(g => g.Value.IsCompleted).ToArray())
        {
            gates.Remove(node);
            var (passed, detail) = await task.ConfigureAwait(false);
            var planned = plan.Find(node)!;
            var now = time.GetUtcNow();
            var (change, action) = GateVerdict.Ended(plan, planned, passed, detail, now);
            if (change is not null)
            {
                Record(change);
            }

            switch (action)
            {
                case RebuildAction.DrainFailed failed:
                    await DrainFailedAsync(node, failed.Detail, ct).ConfigureAwait(false);
                    break;
                case RebuildAction.Resume:
                    var resumed = await nodes.ResumeAsync([node], ct).ConfigureAwait(false);
                    SeeController(resumed.ControllerUnreachable, resumed.Error);
                    if (GateVerdict.Resumed(planned, resumed.ControllerUnreachable, resumed.Error, now) is { } outcome)
                    {
                        Record(outcome);
                    }
                    else
                    {
                        gates[node] = task;
                    }

                    break;
            }
        }
    }
}
