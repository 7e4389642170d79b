using System.Globalization;

namespace HpcMaint.Core.Rebuild;

/// <summary>
/// Makes a new plan, or says why none can be made: nodes Slurm does not know, or a budget that admits
/// no node at all (10 % of 4 nodes is 0 nodes: the plan could never move).
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
            RebootTimeout = request.RebootTimeout,
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

        problems = errors;
        return plan;
    }
}
