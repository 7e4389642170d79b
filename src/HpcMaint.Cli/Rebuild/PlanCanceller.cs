using HpcMaint.Core.Rebuild;

namespace HpcMaint.Cli.Rebuild;

/// <summary>
/// `hpcmaint rebuild cancel`: nodes not started are cancelled, pending rebuild jobs are scancelled, nodes
/// hpcmaint drained but did not reboot yet are resumed. A job already booting or running its node is left
/// to finish (stopping it half-way would leave the node worse off); the plan is marked cancelled.
/// </summary>
internal sealed class PlanCanceller(RebuildContext context, RebuildJournal journal)
{
    public async Task<RebuildPlan> CancelAsync(RebuildPlan plan, CancellationToken ct)
    {
        var jobs = await context.Slurm.GetJobsAsync(ct).ConfigureAwait(false);
        var byId = jobs.IsSuccess ? jobs.Value.ToDictionary(j => j.Id) : [];
        foreach (var planned in plan.Nodes)
        {
            var change = await CancelOneAsync(plan, planned, byId, ct).ConfigureAwait(false);
            if (change is not null)
            {
                plan = plan.With(change.After);
                journal.Change(plan, change, []);
            }
        }

        plan = plan with { Status = PlanStatus.Cancelled };
        context.Store.Save(plan);
        journal.PlanEnded(plan, "cancelled");
        if (context.Metrics.Update(plan, [], controllerReachable: null) is { } problem)
        {
            context.Env.Error.WriteLine("hpcmaint rebuild cancel: " + problem);
        }

        return plan;
    }

    private async Task<NodeChange?> CancelOneAsync(RebuildPlan plan, PlannedNode planned, Dictionary<long, Core.Slurm.Job> jobs, CancellationToken ct)
    {
        var now = context.Time.GetUtcNow();
        switch (planned.Step)
        {
            case RebuildStep.Waiting:
                return RebuildOutcomes.Cancelled(planned, "cancelled before it started", now);
            case RebuildStep.Submitting or RebuildStep.Submitted:
                var job = planned.JobId is { } id ? jobs.GetValueOrDefault(id) : RebuildJobs.OfPlan(plan, planned.Name, jobs.Values, context.Settings.Partition);
                if (job is null || !job.IsActive)
                {
                    return job is null ? RebuildOutcomes.Cancelled(planned, "cancelled; no rebuild job was queued", now) : null;
                }

                if (!job.IsPending)
                {
                    return new NodeChange(planned, planned with { Detail = $"job {job.Id} left to finish ({job.State})" }, $"job {job.Id} is {job.State}: left to finish");
                }

                var cancel = await context.Slurm.CancelJobAsync(job.Id, ct).ConfigureAwait(false);
                return cancel.IsSuccess
                    ? RebuildOutcomes.Cancelled(planned with { JobId = job.Id }, $"pending job {job.Id} cancelled", now)
                    : RebuildOutcomes.ActionFailed(planned, $"scancel {job.Id}", cancel.Error!, now);
            case RebuildStep.Draining:
                var resume = await context.Slurm.ResumeAsync([planned.Name], ct).ConfigureAwait(false);
                return resume.IsSuccess
                    ? RebuildOutcomes.Cancelled(planned, "drain lifted before the reboot", now)
                    : RebuildOutcomes.ActionFailed(planned, "resume", resume.Error!, now);
            default:
                return null;
        }
    }
}
