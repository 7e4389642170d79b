using HpcMaint.Core.Slurm;

namespace HpcMaint.Core.Rebuild;

/// <summary>
/// What `hpcmaint rebuild cancel` does to each node: not started → cancelled; a pending rebuild job →
/// scancel it; drained by hpcmaint but not rebooted yet → resume it. A job already booting or running
/// its node is left to finish (stopping it half-way would leave the node worse off).
/// </summary>
public static class PlanCancellation
{
    /// <summary>One node's step: a change now, a job to scancel, a drain to lift, or nothing (null).</summary>
    public static CancelStep? Decide(RebuildPlan plan, PlannedNode planned, IReadOnlyDictionary<long, Job> jobs, RebuildSettings settings, DateTimeOffset now)
    {
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

    /// <summary>What the resume came to: <paramref name="error"/> is null when it worked.</summary>
    public static NodeChange DrainLifted(CancelStep.LiftDrain step, string? error, DateTimeOffset now) =>
        error is null
            ? RebuildOutcomes.Cancelled(step.Node, "drain lifted before the reboot", now)
            : RebuildOutcomes.ActionFailed(step.Node, "resume", error, now);
}
