using HpcMaint.Adapters.Slurm;
using HpcMaint.Core.Rebuild;

namespace HpcMaint.Adapters.Rebuild;

/// <summary>
/// `hpcmaint rebuild cancel` carried out: reads the jobs once, asks <see cref="PlanCancellation"/> what each
/// node's part is, runs the scancel or resume it names, journals each change and marks the plan cancelled.
/// </summary>
public sealed class PlanCanceller(ISlurmReader reader, ISlurmJobs jobs, ISlurmNodeStates nodes, ISlurmReservations reservations, RebuildPlanStore store, PlanMetrics metrics, RebuildJournal journal, RebuildSettings settings, TimeProvider time)
{
    /// <summary>The cancelled plan, and the metrics file's problem (null when written).</summary>
    public async Task<(RebuildPlan Plan, string? MetricsProblem)> CancelAsync(RebuildPlan plan, CancellationToken ct)
    {
        var read = await reader.GetJobsAsync(ct).ConfigureAwait(false);
        var byId = read.IsSuccess ? read.Value.ToDictionary(j => j.Id) : [];
        var reserved = plan.Strategy == RebuildStrategy.Reservation ? await reader.GetReservationsAsync(ct).ConfigureAwait(false) : null;
        IReadOnlyList<Core.Slurm.Reservation>? existing = reserved is null ? [] : reserved.IsSuccess ? reserved.Value : null;
        foreach (var planned in plan.Nodes)
        {
            var now = time.GetUtcNow();
            var change = await CarryOutAsync(PlanCancellation.Decide(plan, planned, byId, existing, settings, now), now, ct).ConfigureAwait(false);
            if (change is not null)
            {
                plan = plan.With(change.After);
                journal.Change(plan, change, []);
            }
        }

        plan = plan with { Status = PlanStatus.Cancelled };
        store.Save(plan);
        journal.PlanEnded(plan, "cancelled");
        return (plan, metrics.Update(plan, [], controllerReachable: null));
    }

    private async Task<NodeChange?> CarryOutAsync(CancelStep? step, DateTimeOffset now, CancellationToken ct)
    {
        switch (step)
        {
            case CancelStep.Now decided:
                return decided.Change;
            case CancelStep.CancelJob cancel:
                var cancelled = await jobs.CancelJobAsync(cancel.JobId, ct).ConfigureAwait(false);
                return PlanCancellation.JobCancelled(cancel, cancelled.Error, now);
            case CancelStep.DeleteReservation delete:
                var deleted = await reservations.DeleteReservationAsync(delete.Name, ct).ConfigureAwait(false);
                return PlanCancellation.ReservationDeleted(delete, deleted.Error, now);
            case CancelStep.LiftDrain lift:
                var resumed = await nodes.ResumeAsync([lift.Node.Name], ct).ConfigureAwait(false);
                return PlanCancellation.DrainLifted(lift, resumed.Error, now);
            default:
                return null;
        }
    }
}
