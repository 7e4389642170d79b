using HpcMaint.Core.Slurm;

namespace HpcMaint.Core.Rebuild;

/// <summary>
/// Follows a node's rebuild job (job strategy) through squeue until it is done, has failed or was
/// cancelled. A failed gate leaves the node drained for a person (<see cref="RebuildAction.DrainFailed"/>);
/// a job an admin cancelled is the admin's call: the node is left as the admin left it.
/// </summary>
public static class JobTracker
{
    public static (NodeChange? Change, RebuildAction? Action) Observe(RebuildPlan plan, PlannedNode planned, ClusterView view, RebuildSettings settings) => planned.Step switch
    {
        RebuildStep.Submitting => (Interrupted(plan, planned, view, settings), null),
        RebuildStep.Submitted => Follow(plan, planned, view, settings),
        _ => (null, null),
    };

    /// <summary>A submission recorded but not confirmed (the runner was killed, or sbatch failed): is the job there?</summary>
    private static NodeChange Interrupted(RebuildPlan plan, PlannedNode planned, ClusterView view, RebuildSettings settings)
    {
        var found = RebuildJobs.OfPlan(plan, planned.Name, view.Jobs, settings.Partition);
        if (found is not null)
        {
            var after = planned.MoveTo(RebuildStep.Submitted, view.Now, found.State.ToString()) with { JobId = found.Id };
            return new NodeChange(planned, after, $"job {found.Id} was queued before the interruption; following it");
        }

        var back = planned.MoveTo(RebuildStep.Waiting, view.Now, planned.Detail);
        return new NodeChange(planned, back, "no job was queued for the interrupted submission; it waits for its turn again");
    }

    private static (NodeChange?, RebuildAction?) Follow(RebuildPlan plan, PlannedNode planned, ClusterView view, RebuildSettings settings)
    {
        // By id and by what it is: a slurmctld that restarts without its saved state hands out job ids again.
        var job = view.Jobs.FirstOrDefault(j => j.Id == planned.JobId && j.Name == RebuildJobs.Name(planned.Name) && j.Comment == plan.JobComment);
        var image = view.ImageOf(planned.Name);
        if (job is null)
        {
            if (plan.Reached(planned, view))
            {
                return Finish(planned, view, RebuildStep.Done, $"job {planned.JobId} is no longer in squeue and the node is " + (plan.ChangesImage ? "on " + plan.Image : "booted since the reboot was asked"));
            }

            // A --reboot job cannot end before its node reboots: one gone with the node not booted since
            // was lost (slurmctld restarted without it), not failed, and the node waits for its turn again.
            if (!BootTimes.IsAfter(view.Node(planned.Name)?.BootTime, planned.RebootAsked ?? planned.Since))
            {
                var back = planned.MoveTo(RebuildStep.Waiting, view.Now, "its rebuild job was lost") with { JobId = null };
                return (new NodeChange(planned, back, $"job {planned.JobId} is gone before {planned.Name} rebooted (lost by slurmctld, e.g. restarted without its saved state); it waits for its turn again"), null);
            }

            return RebootedOnFeatures(planned, view, settings) is { } rebooted
                ? Finish(planned, view, RebuildStep.Done, $"job {planned.JobId} is no longer in squeue; the node rebooted at {rebooted:u} after the rebuild was asked, and its features say image {image}, which a slurmctld restart resets to slurm.conf's")
                : Finish(planned, view, RebuildStep.Failed, $"job {planned.JobId} is no longer in squeue and the node reports image {image}");
        }

        if (job.IsActive)
        {
            var detail = job.StateReason is { Length: > 0 } reason && reason != "None" ? $"{job.State} ({reason})" : job.State.ToString();
            return (detail == planned.Detail ? null : new NodeChange(planned, planned with { Detail = detail }, $"job {job.Id}: {detail}"), null);
        }

        var why = job.StateReason is { Length: > 0 } r && r != "None" ? " (" + r + ")" : string.Empty;
        if (job.State.Ended(JobBaseState.Cancelled))
        {
            // hpcmaint's own prolog fails a job whose node will not boot, and Slurm shows that as cancelled too.
            return view.Node(planned.Name) is { } node && BootWait.HasFailed(node)
                ? Finish(planned, view, RebuildStep.Failed, $"job {job.Id} ended CANCELLED{why}: the node did not come back ({node.Reason})")
                : Finish(planned, view, RebuildStep.Cancelled, $"job {job.Id} cancelled by admin{why}; the node is left as the admin left it");
        }

        if (!job.State.Ended(JobBaseState.Completed))
        {
            return Fail(planned, view, $"job {job.Id} ended {job.State}{why}");
        }

        if (plan.Reached(planned, view))
        {
            return Finish(planned, view, RebuildStep.Done, $"job {job.Id} completed: rebooted, gate passed" + (plan.ChangesImage ? ", on " + plan.Image : string.Empty));
        }

        if (!plan.ChangesImage)
        {
            return Fail(planned, view, $"job {job.Id} completed but {planned.Name} did not boot after the reboot was asked");
        }

        return RebootedOnFeatures(planned, view, settings) is { } boot
            ? Finish(planned, view, RebuildStep.Done, $"job {job.Id} completed: rebooted at {boot:u} after the rebuild was asked, gate passed; "
                + $"its features say image {image}, which a slurmctld restart or reconfigure resets to slurm.conf's")
            : Fail(planned, view, $"job {job.Id} completed but the node reports image {image}, not {plan.Image}");
    }

    /// <summary>
    /// With image_source = "features", slurmctld puts a node's features back to slurm.conf's when it
    /// restarts: a node that booted after its rebuild job was queued and passed the gate was rebuilt,
    /// whatever its features say now. Its boot time, or null where that does not prove the reboot.
    /// </summary>
    private static DateTimeOffset? RebootedOnFeatures(PlannedNode planned, ClusterView view, RebuildSettings settings) =>
        settings.ImagesFromFeatures && view.Node(planned.Name)?.BootTime is { } boot && BootTimes.IsAfter(boot, planned.RebootAsked ?? planned.Since) ? boot : null;

    private static (NodeChange, RebuildAction?) Fail(PlannedNode planned, ClusterView view, string why) =>
        (Finish(planned, view, RebuildStep.Failed, why).Item1, new RebuildAction.DrainFailed(planned.Name, why));

    private static (NodeChange, RebuildAction?) Finish(PlannedNode planned, ClusterView view, RebuildStep step, string why) =>
        (new(planned, planned.MoveTo(step, view.Now, why), why), null);
}
