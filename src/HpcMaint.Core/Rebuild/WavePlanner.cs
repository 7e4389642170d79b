using HpcMaint.Core.Slurm;

namespace HpcMaint.Core.Rebuild;

/// <summary>
/// Decides which waiting nodes start now. Pure: one <see cref="ClusterView"/> in, decisions out, so a
/// pass costs the few Slurm reads that made the view, whatever the node count. Nodes are taken in plan
/// order, each admitted one counted at once against every partition it is in. A plan halted on failures,
/// or a pass told that no node may start now (admissionClosed: outside every maintenance
/// window), admits none.
/// </summary>
public static class WavePlanner
{
    public static WaveDecision Decide(RebuildPlan plan, ClusterView view, RebuildSettings settings, string? admissionClosed = null)
    {
        var budgets = BudgetLedger.Build(plan, view, settings);
        var reserved = BudgetLedger.MaintenanceReserved(view, settings.ReservationLead);
        var rebuildJobs = RebuildJobs.ActiveByNode(view.Jobs, settings.Partition);
        var decisions = new List<NodeDecision>();
        var halted = plan.HaltReason ?? admissionClosed;
        foreach (var planned in plan.Nodes)
        {
            if (planned.Step == RebuildStep.Waiting)
            {
                decisions.Add(halted is null
                    ? DecideOne(plan, planned.Name, view, settings, budgets, reserved, rebuildJobs)
                    : new NodeDecision.Defer(planned.Name, halted));
            }
        }

        return new WaveDecision(decisions, budgets.Values.OrderBy(b => b.Partition, StringComparer.Ordinal).ToArray());
    }

    private static NodeDecision DecideOne(
        RebuildPlan plan,
        string name,
        ClusterView view,
        RebuildSettings settings,
        IReadOnlyDictionary<string, PartitionBudget> budgets,
        Dictionary<string, Reservation> reserved,
        Dictionary<string, List<Job>> rebuildJobs)
    {
        if (view.Node(name) is not { } node)
        {
            return new NodeDecision.Defer(name, $"Slurm does not know {name}");
        }

        var image = view.ImageOf(name);
        if (image.Is(plan.Image))
        {
            return new NodeDecision.Skip(name, plan.Image);
        }

        if (rebuildJobs.TryGetValue(name, out var queued))
        {
            var same = queued.FirstOrDefault(j => RebuildJobs.ImageOf(j.Comment) == plan.Image);
            return same is not null && plan.Strategy == RebuildStrategy.Job
                ? new NodeDecision.Adopt(name, same)
                : new NodeDecision.Defer(name, $"job {queued[0].Id} ({queued[0].Name}, image={RebuildJobs.ImageOf(queued[0].Comment) ?? "?"}) is already in partition {settings.Partition} for {name}");
        }

        if (view.HoldOf(name) is { } hold)
        {
            return new NodeDecision.Held(name, hold);
        }

        if (!image.IsKnown)
        {
            return new NodeDecision.Defer(name, $"cannot tell its image: {image.Problem}");
        }

        var reservation = reserved.GetValueOrDefault(name);
        var ownState = reservation is null ? node.State : node.State with { Flags = node.State.Flags & ~(NodeFlags.Maintenance | NodeFlags.Reserved) };
        if (ownState.IsUnavailable)
        {
            return new NodeDecision.Defer(name, $"{name} is {node.State}: waits until it is back in service");
        }

        var mine = node.Partitions.Where(budgets.ContainsKey).Select(p => budgets[p]).ToArray();
        var arithmetic = mine.Select(b => b.Arithmetic(name)).ToArray();
        if (mine.Any(b => !b.Admits(name)))
        {
            return new NodeDecision.Defer(name, "budget: " + string.Join("; ", mine.Where(b => !b.Admits(name)).Select(b => b.Arithmetic(name))));
        }

        foreach (var budget in mine)
        {
            budget.MarkUnavailable(name);
        }

        return new NodeDecision.Admit(name, reservation?.Name, arithmetic);
    }
}
