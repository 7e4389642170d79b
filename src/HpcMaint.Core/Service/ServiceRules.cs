using HpcMaint.Core.Rebuild;

namespace HpcMaint.Core.Service;

/// <summary>
/// What the maintenance service does in a pass. Pure: the settings, the window at `now` and the plans
/// in; each plan's turn out. Nothing new starts outside every window unless told now (--now), a node
/// in flight is always followed to its end, and without [service] act = true nothing is sent at all.
/// </summary>
public static class ServiceRules
{
    public static PlanTurnDecision Decide(RebuildPlan plan, ServiceSettings settings, WindowState window, bool now)
    {
        if (plan.Status == PlanStatus.Halted)
        {
            return new(PlanTurn.Halted, $"{PlanResumption.Halted(plan)}; an admin goes on with `hpcmaint rebuild resume {plan.Id} --max-failures N`");
        }

        var closed = AdmissionClosed(window, now);
        if (!settings.Act)
        {
            return new(PlanTurn.Report, "monitor-only ([service] act = true lets the service act): " + (closed ?? (now ? "--now: " : string.Empty) + window.Why));
        }

        return closed is null ? new(PlanTurn.Resume, now && !window.Open ? "--now: resumed outside the maintenance windows" : window.Why)
            : plan.Nodes.Any(n => n.Step.IsInFlight()) ? new(PlanTurn.Follow, closed + "; following the nodes in flight, starting none")
            : new(PlanTurn.Wait, closed + "; nothing starts");
    }

    /// <summary>Why no node may start now (outside every window and not told now), or null when one may.</summary>
    public static string? AdmissionClosed(WindowState window, bool now) =>
        window.Open || now ? null : window.Why;

    /// <summary>A resumed plan may be left for now: no node may start and none is in flight (it stays resumable).</summary>
    public static bool MayLeave(RebuildPlan plan, string? admissionClosed) =>
        admissionClosed is not null && !plan.Nodes.Any(n => n.Step.IsInFlight());
}
