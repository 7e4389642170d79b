using HpcMaint.Core.Slurm;

namespace HpcMaint.Core.Rebuild;

/// <summary>
/// Whether a pass left the plan stalled, and by whom: the plan runs, nothing of it is in flight, nodes
/// wait, and what holds them back is nodes outside its control (their decisions'
/// <see cref="NodeDecision.Defer.HeldBackBy"/>, and nodes in someone else's MAINT reservation). A plan held
/// back by itself (halted on failures) has no blockers, so it is not stalled; nor is one whose window is
/// closed (the caller keeps the stall it had).
/// </summary>
public static class StallFinder
{
    /// <summary>The blockers in plan order; null when the plan is not stalled.</summary>
    public static IReadOnlyList<StallBlocker>? Find(RebuildPlan next, WaveDecision decision, ClusterView view, RebuildSettings settings)
    {
        if (!next.IsOpen || next.Nodes.Any(n => n.Step.IsInFlight()) || next.Count(RebuildStep.Waiting) == 0)
        {
            return null;
        }

        var held = new HashSet<string>(StringComparer.Ordinal);
        var why = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var d in decision.Decisions)
        {
            if (next.Find(d.Node) is not { Step: RebuildStep.Waiting })
            {
                continue;
            }

            switch (d)
            {
                case NodeDecision.Defer defer:
                    held.UnionWith(defer.HeldBackBy);
                    if (defer.HeldBackBy.Contains(defer.Node, StringComparer.Ordinal))
                    {
                        why.TryAdd(defer.Node, defer.Reason);
                    }

                    break;
                case NodeDecision.Admit admit when admit.Reservation is not null:
                    // Admitted by the budget, yet waiting: the node is in a MAINT reservation not the plan's (RebuildStepper).
                    held.Add(admit.Node);
                    break;
            }
        }

        if (held.Count == 0)
        {
            return null;
        }

        var reserved = BudgetLedger.MaintenanceReserved(view, settings.ReservationLead);
        var rebuildJobs = RebuildJobs.ActiveByNode(view.Jobs, settings.Partition);
        return held
            .OrderBy(n => next.Find(n) is null ? 1 : 0)
            .ThenBy(n => n, StringComparer.Ordinal)
            .Select(n => Describe(n, view, reserved, rebuildJobs, settings, why.GetValueOrDefault(n)))
            .ToArray();
    }

    /// <summary>What keeps the node out, in the order an operator would fix it: its state, someone's reservation, someone's rebuild job.</summary>
    private static StallBlocker Describe(
        string name, ClusterView view, Dictionary<string, Reservation> reserved, Dictionary<string, List<Job>> rebuildJobs, RebuildSettings settings, string? deferred)
    {
        if (view.Node(name) is not { } node)
        {
            return new StallBlocker(name, "other", deferred ?? "Slurm does not know it");
        }

        var reason = string.IsNullOrWhiteSpace(node.Reason) ? "no reason given" : node.Reason;
        if (node.State.IsDrainSet)
        {
            return new StallBlocker(name, "drained", (node.ReasonIsOurs ? "drained by hpcmaint: " : "drained by someone else: ") + reason);
        }

        if (node.State.IsOffline)
        {
            return new StallBlocker(name, "down", $"{node.State}: {reason}");
        }

        if (reserved.TryGetValue(name, out var reservation))
        {
            return new StallBlocker(name, "reservation", $"in MAINT reservation {reservation.Name}, not this plan's");
        }

        if (rebuildJobs.TryGetValue(name, out var jobs))
        {
            return new StallBlocker(name, "rebuild_job", $"job {jobs[0].Id} ({jobs[0].Name}) in partition {settings.Partition}");
        }

        return new StallBlocker(name, node.State.IsUnavailable ? "down" : "other", deferred ?? node.State.ToString());
    }
}
