using HpcMaint.Core.Slurm;

namespace HpcMaint.Core.Rebuild;

/// <summary>
/// Builds the budget of every partition the plan touches (the rebuild partition itself excepted), and
/// of every leaf switch or block under --max-down-per-switch. Out of service: DOWN/DRAIN/FAIL/NOT_RESPONDING, reboot pending or booting, in a MAINT reservation (active or
/// starting within the lead time), with an active job in the rebuild partition (anyone's), or in flight
/// in this plan (submitted jobs count from submission: the node is theirs once its running job ends).
/// A node whose rebuild failed in this plan is not counted: it is drained for a person to look at, and
/// counting it would stop every other node at a small budget (25 % of 4 is one node). The plan's own
/// failure limit (<see cref="RebuildPlan.MaxFailures"/>) bounds how much capacity failures may take.
/// </summary>
public static class BudgetLedger
{
    public static IReadOnlyDictionary<string, PartitionBudget> Build(RebuildPlan plan, ClusterView view, RebuildSettings settings)
    {
        var affected = new HashSet<string>(StringComparer.Ordinal);
        foreach (var planned in plan.Nodes)
        {
            if (view.Node(planned.Name) is { } node)
            {
                affected.UnionWith(node.Partitions.Where(p => p != settings.Partition));
            }
        }

        var totals = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var node in view.Nodes)
        {
            foreach (var p in node.Partitions)
            {
                if (affected.Contains(p))
                {
                    totals[p] = totals.GetValueOrDefault(p) + 1;
                }
            }
        }

        var budgets = totals.ToDictionary(t => t.Key, t => new PartitionBudget(t.Key, t.Value, plan.MaxDownPercent), StringComparer.Ordinal);
        foreach (var node in OutOfService(plan, view, settings))
        {
            foreach (var p in node.Partitions)
            {
                if (budgets.TryGetValue(p, out var budget))
                {
                    budget.MarkUnavailable(node.Name);
                }
            }
        }

        return budgets;
    }

    /// <summary>
    /// The budget of every leaf switch or block holding a node of the plan, under --max-down-per-switch,
    /// counted by the same rule as the partitions'; none when the plan has no per-switch limit.
    /// </summary>
    public static IReadOnlyDictionary<string, SwitchBudget> Switches(RebuildPlan plan, ClusterView view, RebuildSettings settings)
    {
        if (plan.MaxDownPerSwitch is not { } limit)
        {
            return new Dictionary<string, SwitchBudget>(StringComparer.Ordinal);
        }

        var budgets = new Dictionary<string, SwitchBudget>(StringComparer.Ordinal);
        foreach (var planned in plan.Nodes)
        {
            if (view.Topology.DomainOf(planned.Name) is { } domain && !budgets.ContainsKey(domain.Name))
            {
                budgets[domain.Name] = new SwitchBudget(domain, limit);
            }
        }

        foreach (var node in OutOfService(plan, view, settings))
        {
            if (view.Topology.DomainOf(node.Name) is { } domain && budgets.TryGetValue(domain.Name, out var budget))
            {
                budget.MarkUnavailable(node.Name);
            }
        }

        return budgets;
    }

    /// <summary>Node → the MAINT reservation that has it now or within <paramref name="lead"/>.</summary>
    public static Dictionary<string, Reservation> MaintenanceReserved(ClusterView view, TimeSpan lead)
    {
        var reserved = new Dictionary<string, Reservation>(StringComparer.Ordinal);
        foreach (var r in view.Reservations)
        {
            var soon = r.State == "ACTIVE" || r.StartTime is null || r.StartTime <= view.Now + lead;
            var over = r.EndTime is { } end && end <= view.Now;
            if (!r.IsMaintenance || !soon || over)
            {
                continue;
            }

            foreach (var n in r.Nodes)
            {
                reserved.TryAdd(n, r);
            }
        }

        return reserved;
    }

    /// <summary>The nodes that count against a budget now (see the class comment).</summary>
    private static List<Node> OutOfService(RebuildPlan plan, ClusterView view, RebuildSettings settings)
    {
        var found = new List<Node>();
        var reserved = MaintenanceReserved(view, settings.ReservationLead);
        var rebuildJobs = RebuildJobs.ActiveByNode(view.Jobs, settings.Partition);
        foreach (var node in view.Nodes)
        {
            var planned = plan.Find(node.Name);
            if (planned is { Step: RebuildStep.Failed })
            {
                continue;
            }

            if (node.State.IsUnavailable
                || reserved.ContainsKey(node.Name)
                || rebuildJobs.ContainsKey(node.Name)
                || (planned is not null && planned.Step.IsInFlight()))
            {
                found.Add(node);
            }
        }

        return found;
    }
}
