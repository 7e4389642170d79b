namespace HpcMaint.Core.Rebuild;

/// <summary>What the runner's actions came to, as node changes (pure: the runner saves and journals them).</summary>
public static class RebuildOutcomes
{
    /// <summary>A failed sbatch is tried again on later passes, up to this many times in all.</summary>
    public const int MaxSubmitAttempts = 3;

    public static NodeChange Submitted(PlannedNode planned, long jobId, DateTimeOffset now) =>
        new(planned, planned.MoveTo(RebuildStep.Submitted, now, "PENDING") with { JobId = jobId }, $"job {jobId} queued");

    /// <summary>The node goes back to waiting (the next pass first looks for a job sbatch may have queued
    /// after all), or fails after <see cref="MaxSubmitAttempts"/>.</summary>
    public static NodeChange SubmitFailed(PlannedNode planned, string error, DateTimeOffset now) =>
        planned.Attempts >= MaxSubmitAttempts
            ? new(planned, planned.MoveTo(RebuildStep.Failed, now, "sbatch failed: " + error), $"sbatch failed {planned.Attempts} times: {error}")
            : new(planned, planned with { Detail = "sbatch failed: " + error }, $"sbatch failed (attempt {planned.Attempts} of {MaxSubmitAttempts}): {error}");

    public static NodeChange ActionFailed(PlannedNode planned, string what, string error, DateTimeOffset now) =>
        new(planned, planned.MoveTo(RebuildStep.Failed, now, $"{what} failed: {error}"), $"{what} failed: {error}");

    public static NodeChange GatePassed(PlannedNode planned, DateTimeOffset now) =>
        new(planned, planned.MoveTo(RebuildStep.Done, now, "gate passed; resumed"), "gate passed; node resumed");

    public static NodeChange GateFailed(PlannedNode planned, string detail, DateTimeOffset now) =>
        new(planned, planned.MoveTo(RebuildStep.Failed, now, "gate failed: " + detail), "gate failed: " + detail);

    /// <summary>The plan is cancelled: nodes not yet started never will be.</summary>
    public static NodeChange Cancelled(PlannedNode planned, string why, DateTimeOffset now) =>
        new(planned, planned.MoveTo(RebuildStep.Cancelled, now, why), why);
}
