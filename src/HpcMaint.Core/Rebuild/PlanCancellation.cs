using HpcMaint.Core.Slurm;

namespace HpcMaint.Core.Rebuild;

/// <summary>
/// What `hpcmaint rebuild cancel` does to each node: not started → cancelled; a pending rebuild job →
/// scancel it; drained by hpcmaint but not rebooted yet → resume it. A job already booting or running
/// its node is left to finish (stopping it half-way would leave the node worse off). Reservation strategy:
/// every reservation of the plan still in Slurm is deleted (found by its exact name), whatever the step.
/// </summary>
public static class PlanCancellation
{
    /// <summary>One node's step: a change now, a job to scancel, a drain to lift, a reservation to delete, or nothing (null).</summary>
    public static CancelStep? Decide(RebuildPlan plan, PlannedNode planned, IReadOnlyDictionary<long, Job> jobs, RebuildSettings settings, DateTimeOffset now) =>
        Decide(plan, planned, jobs, [], settings, now);

    /// <param name="reservations">Slurm's reservations; null when they could not be read (then each started node's is deleted, to be sure).</param>
    public static CancelStep? Decide(
        RebuildPlan plan, PlannedNode planned, IReadOnlyDictionary<long, Job> jobs, IReadOnlyList<Reservation>? reservations, RebuildSettings settings, DateTimeOffset now)
    {
        if (plan.Strategy == RebuildStrategy.Reservation && planned.Step != RebuildStep.Waiting)
        {
            var name = MaintenanceReservations.Name(plan.Id, planned.Name);
            if (reservations is null || reservations.Any(r => r.Name == name))
            {
                return new CancelStep.DeleteReservation(planned, name);
            }

            return planned.Step.IsFinished() ? null : new CancelStep.Now(RebuildOutcomes.Cancelled(planned, $"cancelled at {planned.Step.Text()}; its reservation was already gone", now));
        }

        switch (planned.Step)
        {
            case RebuildStep.Waiting:
                return new CancelStep.Now(RebuildOutcomes.Cancelled(planned, "cancelled before it started", now));
            case RebuildStep.Submitting or RebuildStep.Submitted:
                var job = planned.JobId is { } id ? jobs.GetValueOrDefault(id) : RebuildJobs.OfPlan(plan, planned.Name, jobs.Values, settings.Partition);
                if (job is null || !job.IsActive)
                {
                    return job is null ? new CancelStep.Now(RebuildOutcomes.Cancelled(planned, "cancelled; no rebuild job was queued", now)) : null;
                }

                return job.IsPending
                    ? new CancelStep.CancelJob(planned, job.Id)
                    : new CancelStep.Now(new NodeChange(planned, planned with { Detail = $"job {job.Id} left to finish ({job.State})" }, $"job {job.Id} is {job.State}: left to finish"));
            case RebuildStep.Draining:
                return new CancelStep.LiftDrain(planned);
            default:
                return null;
        }
    }

    /// <summary>What the scancel came to: <paramref name="error"/> is null when it worked.</summary>
    public static NodeChange JobCancelled(CancelStep.CancelJob step, string? error, DateTimeOffset now) =>
        error is null
            ? RebuildOutcomes.Cancelled(step.Node with { JobId = step.JobId }, $"pending job {step.JobId} cancelled", now)
            : RebuildOutcomes.ActionFailed(step.Node, $"scancel {step.JobId}", error, now);

    /// <summary>What the delete came to: <paramref name="error"/> is null when it worked; a finished node keeps its step.</summary>
    public static NodeChange ReservationDeleted(CancelStep.DeleteReservation step, string? error, DateTimeOffset now) =>
        error is not null ? new NodeChange(step.Node, step.Node with { Detail = $"cannot delete reservation {step.Name}: {error}" }, $"cannot delete reservation {step.Name}: {error}")
        : step.Node.Step.IsFinished() ? new NodeChange(step.Node, step.Node, $"reservation {step.Name} deleted")
        : RebuildOutcomes.Cancelled(step.Node, $"cancelled at {step.Node.Step.Text()}; reservation {step.Name} deleted" + (step.Node.Step is RebuildStep.Rebooting or RebuildStep.Gating ? " (its reboot was under way: the node is back in service once it is up)" : string.Empty), now);

    /// <summary>What the resume came to: <paramref name="error"/> is null when it worked.</summary>
    public static NodeChange DrainLifted(CancelStep.LiftDrain step, string? error, DateTimeOffset now) =>
        error is null
            ? RebuildOutcomes.Cancelled(step.Node, "drain lifted before the reboot", now)
            : RebuildOutcomes.ActionFailed(step.Node, "resume", error, now);
}
