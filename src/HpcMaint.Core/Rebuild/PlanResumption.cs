namespace HpcMaint.Core.Rebuild;

/// <summary>
/// Whether `hpcmaint rebuild resume` may go on with a stored plan, and as what: its failed nodes waiting
/// again (--retry-failed), a new failure limit (--max-failures). A plan that would halt at once is not resumed.
/// </summary>
public static class PlanResumption
{
    public static Result<RebuildPlan> Decide(RebuildPlan found, int? maxFailures, bool retryFailed, DateTimeOffset now)
    {
        if (maxFailures is < 0)
        {
            return Problem.Invalid($"--max-failures {maxFailures}: write how many failed nodes to tolerate");
        }

        var plan = retryFailed ? found.RetryingFailed(now) : found;
        if (!plan.IsResumable)
        {
            return Problem.Failed($"plan {plan.Id} is {plan.Status.ToString().ToLowerInvariant()} with no failed node to retry; nothing to do");
        }

        var resumed = maxFailures is { } limit ? plan.Tolerating(limit) : plan;
        return resumed.Status == PlanStatus.Halted
            ? Problem.Failed(
                $"plan {plan.Id} {Halted(resumed)}; look at the failed nodes (`{plan.Verb} status {plan.Id}`), "
                + $"then resume with --max-failures {resumed.Count(RebuildStep.Failed)} or more, or cancel it. Nothing was done.")
            : resumed;
    }

    /// <summary>How it was resumed, for the progress and the journal.</summary>
    public static string How(RebuildPlan found, bool retryFailed) =>
        retryFailed ? $"resumed, {found.Count(RebuildStep.Failed)} failed node(s) retried" : "resumed";

    /// <summary>Why a halted plan admits no node, and how many never started.</summary>
    public static string Halted(RebuildPlan plan) => $"{plan.HaltReason}; {plan.Count(RebuildStep.Waiting)} not started";
}
