using System.Globalization;

namespace HpcMaint.Core.Rebuild;

/// <summary>
/// Makes a new plan, or says why none can be made: nodes Slurm does not know, a budget that admits
/// no node at all (10 % of 4 nodes is 0 nodes: the plan could never move), or under
/// --max-down-per-switch nodes in no leaf switch or block of the topology.
/// </summary>
public static class PlanFactory
{
    public static RebuildPlan Create(string id, RebuildRequest request, ClusterView view, RebuildSettings settings, out IReadOnlyList<string> problems)
    {
        var errors = new List<string>();
        var unknown = request.Nodes.Where(n => view.Node(n) is null).ToArray();
        if (unknown.Length > 0)
        {
            errors.Add($"Slurm does not know {Hostlists.Hostlist.Compress(unknown)}");
        }

        var nodes = request.Nodes
            .Select(n => new PlannedNode(n, RebuildStep.Waiting, view.Now) { ImageBefore = view.ImageOf(n).Image })
            .ToArray();
        var plan = new RebuildPlan(id, request.Image, request.Strategy, request.MaxDownPercent, view.Now, PlanStatus.Running, nodes)
        {
            Selection = request.Selection,
            Gate = request.Gate,
            SbatchOptions = request.SbatchOptions,
            MaxFailures = request.MaxFailures,
            Kind = request.Kind,
            MaxAttempts = request.MaxAttempts,
            TerminatePreemptable = request.TerminatePreemptable,
            RebootTimeout = request.RebootTimeout,
            MaxDownPerSwitch = request.MaxDownPerSwitch,
        };

        foreach (var budget in BudgetLedger.Build(plan, view, settings).Values.OrderBy(b => b.Partition, StringComparer.Ordinal))
        {
            if (budget.Limit == 0)
            {
                var least = (100 + budget.Total - 1) / budget.Total;
                errors.Add(string.Create(
                    CultureInfo.InvariantCulture,
                    $"--max-down {request.MaxDownPercent} % of the {budget.Total} nodes of partition {budget.Partition} is 0 nodes: nothing could ever be {(request.Kind == PlanKind.Reboot ? "rebooted" : "rebuilt")}; use --max-down {least} or more"));
            }
        }

        errors.AddRange(SwitchProblems(plan, view, settings));
        problems = errors;
        return plan;
    }

    private static List<string> SwitchProblems(RebuildPlan plan, ClusterView view, RebuildSettings settings)
    {
        var problems = new List<string>();
        if (plan.MaxDownPerSwitch is not { } limit)
        {
            return problems;
        }

        if (view.Topology.IsEmpty)
        {
            problems.Add("--max-down-per-switch: Slurm reports no topology (scontrol show topology: No topology information available): set TopologyPlugin=topology/tree (or topology/block) and its topology.conf in slurm.conf, or drop --max-down-per-switch");
            return problems;
        }

        var outside = plan.Nodes.Where(n => view.Node(n.Name) is not null && view.Topology.DomainOf(n.Name) is null).Select(n => n.Name).ToArray();
        if (outside.Length > 0)
        {
            problems.Add($"--max-down-per-switch: {Hostlists.Hostlist.Compress(outside)} in no leaf switch or block of the topology (scontrol show topology): add them to topology.conf, or leave them out of the plan");
        }

        foreach (var budget in BudgetLedger.Switches(plan, view, settings).Values.Where(b => b.Limit == 0).OrderBy(b => b.Name, StringComparer.Ordinal))
        {
            var least = (100 + budget.Total - 1) / budget.Total;
            problems.Add(string.Create(
                CultureInfo.InvariantCulture,
                $"--max-down-per-switch {limit} of the {budget.Total} nodes of {budget.Domain.Kind.ToString().ToLowerInvariant()} {budget.Name} is 0 nodes: nothing could ever be rebuilt there; use --max-down-per-switch 1 or {least}% or more"));
        }

        return problems;
    }
}
