using HpcMaint.Core.Rebuild;

namespace HpcMaint.Core.Service;

/// <summary>A monitor-only pass in words: what each action of the turn would send, and where the plan would stand.</summary>
public static class ServiceReport
{
    public static IReadOnlyList<(string? Node, string What)> Lines(RebuildTurn turn)
    {
        var plan = turn.Plan;
        var lines = turn.Actions.Select(a => ((string?)a.Node, Would(plan, a))).ToList();
        var waiting = turn.Decision.Decisions.OfType<NodeDecision.Defer>().ToArray();
        lines.Add((null, $"{(turn.Actions.Count == 0 ? "nothing to send" : $"{turn.Actions.Count} action(s)")}; then {PlanSummary.Of(plan)}"
            + (waiting.Length == 0 ? string.Empty : $" ({waiting[0].Node} waits: {waiting[0].Reason})")));
        return lines;
    }

    private static string Would(RebuildPlan plan, RebuildAction action) => action switch
    {
        RebuildAction.Submit s => $"would submit the rebuild job to {plan.Image}" + (s.Reservation is { } r ? " into reservation " + r : string.Empty),
        RebuildAction.Drain d => $"would drain it ({d.Reason})",
        RebuildAction.Reboot => "would scontrol reboot it",
        RebuildAction.Requeue q => $"would scontrol requeue its preemptable job {q.JobId}",
        RebuildAction.DrainFailed f => $"would drain it as failed ({f.Detail})",
        RebuildAction.Gate => "would run the health gate",
        RebuildAction.Resume => "would resume it",
        _ => "would act: " + action,
    };
}
