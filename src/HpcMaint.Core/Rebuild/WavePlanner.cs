using HpcMaint.Core.Slurm;

namespace HpcMaint.Core.Rebuild;

/// <summary>
/// Decides which waiting nodes start now. Pure: one <see cref="ClusterView"/> in, decisions out, so a
/// pass costs the few Slurm reads that made the view, whatever the node count. Nodes are taken first-free
/// first (<see cref="AdmissionOrder"/>), each admitted one counted at once against every budget it is in:
/// each of its partitions, and its leaf switch or block under --max-down-per-switch. A plan halted on failures,
/// or a pass told that no node may start now (admissionClosed: outside every maintenance
/// window), admits none.
/// </summary>
public static class WavePlanner
{
    public static WaveDecision Decide(RebuildPlan plan, ClusterView view, RebuildSettings settings, string? admissionClosed = null)
    {
        var budgets = BudgetLedger.Build(plan, view, settings);
        var switches = BudgetLedger.Switches(plan, view, settings);
        var reserved = BudgetLedger.MaintenanceReserved(view, settings.ReservationLead);
        var rebuildJobs = RebuildJobs.ActiveByNode(view.Jobs, settings.Partition);
        var busyUntil = AdmissionOrder.BusyUntil(view, settings, plan.TerminatePreemptable);
        var decisions = new List<NodeDecision>();
        var halted = plan.HaltReason ?? admissionClosed;
        foreach (var planned in AdmissionOrder.Waiting(plan, busyUntil))
        {
            var decision = halted is null
                ? DecideOne(plan, planned.Name, view, settings, Budgets(view, planned.Name, budgets, switches), reserved, rebuildJobs)
                : new NodeDecision.Defer(planned.Name, halted);
            decisions.Add(decision is NodeDecision.Admit admit ? admit with { Frees = AdmissionOrder.Describe(planned.Name, busyUntil, view.Now) } : decision);
        }

        // Decided first-free first, reported in plan order.
        var position = plan.Nodes.Select((n, i) => (n.Name, i)).ToDictionary(x => x.Name, x => x.i, StringComparer.Ordinal);
        decisions.Sort((a, b) => position[a.Node].CompareTo(position[b.Node]));
        return new WaveDecision(decisions, budgets.Values.OrderBy(b => b.Partition, StringComparer.Ordinal).ToArray())
        {
            SwitchBudgets = switches.Values.OrderBy(b => b.Name, StringComparer.Ordinal).ToArray(),
        };
    }

    /// <summary>Every budget the node must fit: its partitions', then its leaf switch's or block's.</summary>
    private static Budget[] Budgets(ClusterView view, string name, IReadOnlyDictionary<string, PartitionBudget> budgets, IReadOnlyDictionary<string, SwitchBudget> switches)
    {
        var mine = new List<Budget>();
        if (view.Node(name) is { } node)
        {
            mine.AddRange(node.Partitions.Where(budgets.ContainsKey).Select(p => budgets[p]));
        }

        if (view.Topology.DomainOf(name) is { } domain && switches.TryGetValue(domain.Name, out var own))
        {
            mine.Add(own);
        }

        return mine.ToArray();
    }

    private static NodeDecision DecideOne(
        RebuildPlan plan,
        string name,
        ClusterView view,
        RebuildSettings settings,
        Budget[] mine,
        Dictionary<string, Reservation> reserved,
        Dictionary<string, List<Job>> rebuildJobs)
    {
        if (view.Node(name) is not { } node)
        {
            return new NodeDecision.Defer(name, $"Slurm does not know {name}") { HeldBackBy = [name] };
        }

        var image = view.ImageOf(name);
        if (plan.ChangesImage && image.Is(plan.Image))
        {
            return new NodeDecision.Skip(name, plan.Image);
        }

        if (rebuildJobs.TryGetValue(name, out var queued))
        {
            var same = queued.FirstOrDefault(plan.Wants);
            return same is not null && plan.Strategy == RebuildStrategy.Job
                ? new NodeDecision.Adopt(name, same)
                : new NodeDecision.Defer(name, $"job {queued[0].Id} ({queued[0].Name}, image={RebuildJobs.ImageOf(queued[0].Comment) ?? "?"}) is already in partition {settings.Partition} for {name}") { HeldBackBy = [name] };
        }

        if (view.HoldOf(name) is { } hold)
        {
            return new NodeDecision.Held(name, hold);
        }

        if (plan.ChangesImage && !image.IsKnown)
        {
            return new NodeDecision.Defer(name, $"cannot tell its image: {image.Problem}") { HeldBackBy = [name] };
        }

        var reservation = reserved.GetValueOrDefault(name);
        var ownState = reservation is null ? node.State : node.State with { Flags = node.State.Flags & ~(NodeFlags.Maintenance | NodeFlags.Reserved) };
        if (ownState.IsUnavailable)
        {
            return new NodeDecision.Defer(name, $"{name} is {node.State}: waits until it is back in service") { HeldBackBy = [name] };
        }

        if (plan.MaxDownPerSwitch is not null && view.Topology.DomainOf(name) is null)
        {
            return new NodeDecision.Defer(name, view.Topology.IsEmpty
                ? "--max-down-per-switch: Slurm reports no topology (scontrol show topology): is TopologyPlugin set in slurm.conf?"
                : $"--max-down-per-switch: {name} is in no leaf switch or block of the topology (scontrol show topology): add it to topology.conf") { HeldBackBy = [name] };
        }

        var arithmetic = mine.Select(b => b.Arithmetic(name)).ToArray();
        if (mine.Any(b => !b.Admits(name)))
        {
            var full = mine.Where(b => !b.Admits(name)).ToArray();
            return new NodeDecision.Defer(name, "budget: " + string.Join("; ", full.Select(b => b.Arithmetic(name))))
            {
                HeldBackBy = full.SelectMany(b => b.Unavailable).Where(n => n != name).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray(),
            };
        }

        foreach (var budget in mine)
        {
            budget.MarkUnavailable(name);
        }

        return new NodeDecision.Admit(name, reservation?.Name, arithmetic);
    }
}
