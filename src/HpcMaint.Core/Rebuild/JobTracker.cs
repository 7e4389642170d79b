namespace HpcMaint.Core.Rebuild;

/// <summary>Follows a node's rebuild job (job strategy) through squeue until it is done or has failed.</summary>
public static class JobTracker
{
    public static NodeChange? Observe(RebuildPlan plan, PlannedNode planned, ClusterView view) => planned.Step switch
    {
        RebuildStep.Submitting => Interrupted(plan, planned, view),
        RebuildStep.Submitted => Follow(plan, planned, view),
        _ => null,
    };

    /// <summary>A submission recorded but not confirmed (the runner was killed, or sbatch failed): is the job there?</summary>
    private static NodeChange Interrupted(RebuildPlan plan, PlannedNode planned, ClusterView view)
    {
        var found = RebuildJobs.OfPlan(plan, planned.Name, view.Jobs);
        if (found is not null)
        {
            var after = planned.MoveTo(RebuildStep.Submitted, view.Now, found.State) with { JobId = found.Id };
            return new NodeChange(planned, after, $"job {found.Id} was queued before the interruption; following it");
        }

        var back = planned.MoveTo(RebuildStep.Waiting, view.Now, planned.Detail);
        return new NodeChange(planned, back, "no job was queued for the interrupted submission; it waits for its turn again");
    }

    private static NodeChange? Follow(RebuildPlan plan, PlannedNode planned, ClusterView view)
    {
        var job = view.Jobs.FirstOrDefault(j => j.Id == planned.JobId);
        var image = view.ImageOf(planned.Name);
        if (job is null)
        {
            return image.Is(plan.Image)
                ? Finish(planned, view, RebuildStep.Done, $"job {planned.JobId} is no longer in squeue and the node is on {plan.Image}")
                : Finish(planned, view, RebuildStep.Failed, $"job {planned.JobId} is no longer in squeue and the node reports image {image}");
        }

        if (job.IsActive)
        {
            var detail = job.StateReason is { Length: > 0 } reason && reason != "None" ? $"{job.State} ({reason})" : job.State;
            return detail == planned.Detail ? null : new NodeChange(planned, planned with { Detail = detail }, $"job {job.Id}: {detail}");
        }

        if (job.State != "COMPLETED")
        {
            return Finish(planned, view, RebuildStep.Failed, $"job {job.Id} ended {job.State}{(job.StateReason is { Length: > 0 } r && r != "None" ? " (" + r + ")" : string.Empty)}");
        }

        return image.Is(plan.Image)
            ? Finish(planned, view, RebuildStep.Done, $"job {job.Id} completed: rebooted, gate passed, on {plan.Image}")
            : Finish(planned, view, RebuildStep.Failed, $"job {job.Id} completed but the node reports image {image}, not {plan.Image}");
    }

    private static NodeChange Finish(PlannedNode planned, ClusterView view, RebuildStep step, string why) =>
        new(planned, planned.MoveTo(step, view.Now, why), why);
}
