using System.Globalization;
using HpcMaint.Core.Hostlists;

namespace HpcMaint.Core.Rebuild;

/// <summary>
/// `resume --exclude NODES`: the nodes leave the plan (step Excluded, never touched by it again). All or
/// nothing, through gates that fail closed: a malformed hostlist, a node not in the plan, or a node in
/// flight (hpcmaint is taking it through a drain, a job, a reservation or a reboot) refuses the whole
/// exclusion. A node already finished (done, skipped, failed, cancelled) is left as it is: a failed one
/// keeps counting against --max-failures, so taking failures out never lets a bad image roll on (with
/// --retry-failed the failed nodes wait again first, so the ones named here are not retried).
/// </summary>
public static class PlanExclusion
{
    public static Result<(RebuildPlan Plan, IReadOnlyList<NodeChange> Changes)> Apply(RebuildPlan plan, string hostlist, DateTimeOffset now)
    {
        if (!Hostlist.TryExpand(hostlist, out var names, out var error) || names.Count == 0)
        {
            return Problem.Invalid($"--exclude {hostlist}: {error?.Message ?? "names no node"}; write a hostlist such as n[2-3]. Nothing was done.");
        }

        var strangers = names.Where(n => plan.Find(n) is null).ToArray();
        if (strangers.Length > 0)
        {
            return Problem.Invalid($"--exclude: {Hostlist.Compress(strangers)} {(strangers.Length == 1 ? "is" : "are")} not in plan {plan.Id} ({Hostlist.Compress(plan.Nodes.Select(n => n.Name))}). Nothing was done.");
        }

        var inFlight = names.Select(n => plan.Find(n)!).Where(n => n.Step.IsInFlight()).ToArray();
        if (inFlight.Length > 0)
        {
            var which = string.Join("; ", inFlight.Select(n => string.Create(CultureInfo.InvariantCulture, $"{n.Name} is {n.Step.Text()} since {n.Since.UtcDateTime:u}{(n.JobId is { } job ? $" (job {job})" : string.Empty)}")));
            return Problem.Failed(
                $"--exclude: {which}: hpcmaint is taking {(inFlight.Length == 1 ? "it" : "them")} through now and cannot stop half-way. "
                + $"Resume without {Hostlist.Compress(inFlight.Select(n => n.Name))} in --exclude and let {(inFlight.Length == 1 ? "it" : "them")} finish, "
                + $"or `{plan.Verb} cancel {plan.Id}` (pending jobs and the plan's reservations are cancelled). Nothing was done.");
        }

        var changes = names.Distinct(StringComparer.Ordinal)
            .Select(n => plan.Find(n)!)
            .Where(n => n.Step == RebuildStep.Waiting)
            .Select(n => new NodeChange(n, n.MoveTo(RebuildStep.Excluded, now, "excluded by resume --exclude" + (n.Detail is { } was ? "; it was: " + was : string.Empty)), "taken out of the plan (resume --exclude): never touched by it again"))
            .ToArray();
        return (plan.With(changes.Select(c => c.After).ToArray()), changes);
    }
}
