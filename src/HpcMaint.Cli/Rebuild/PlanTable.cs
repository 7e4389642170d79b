using System.Globalization;
using HpcMaint.Adapters.Rebuild;
using HpcMaint.Cli.Output;
using HpcMaint.Core.Rebuild;

namespace HpcMaint.Cli.Rebuild;

/// <summary>`hpcmaint rebuild status`: the plan's header and one row per node.</summary>
internal static class PlanTable
{
    public static void Write(TextWriter w, RebuildPlan plan, DateTimeOffset now)
    {
        w.WriteLine($"plan {plan.Id}: {plan.Selection} to {plan.Target}, strategy {plan.Strategy.ToString().ToLowerInvariant()}, max-down {plan.MaxDownPercent} %{PerSwitch(plan)}, made {OperatorTime.Format(plan.Created)}");
        WriteOwnJobSettings(w, plan);
        w.WriteLine($"{plan.Status.ToString().ToLowerInvariant()}: {PlanSummary.Of(plan)}");
        if (plan.IsOpen && plan.Stall is { } stall)
        {
            w.WriteLine(stall.Text);
        }

        var prediction = plan.Prediction;
        if (prediction is not null)
        {
            w.WriteLine(WhatIfTable.Makespans(plan, now));
        }

        string[] columns = prediction is null
            ? ["NODE", "STEP", "JOB", "SINCE", "BEFORE", "DETAIL"]
            : ["NODE", "STEP", "JOB", "SINCE", "PREDICTED START", "ACTUAL START", "BEFORE", "DETAIL"];
        var table = new TextTable(columns);
        foreach (var n in plan.Nodes)
        {
            string[] start = prediction is null ? [] : [OperatorTime.Format(prediction.Of(n.Name)?.Start), OperatorTime.Format(n.RebootAsked)];
            table.Add([
                n.Name,
                n.Step.Text(),
                n.JobId?.ToString(CultureInfo.InvariantCulture) ?? "-",
                OperatorTime.Format(n.Since),
                .. start,
                n.ImageBefore ?? "-",
                n.Detail ?? string.Empty]);
        }

        table.WriteTo(w);
    }

    /// <summary>The dry run: what the first pass would do for each node, and the budgets.</summary>
    public static void WriteDryRun(TextWriter w, RebuildTurn turn)
    {
        var plan = turn.Plan;
        w.WriteLine($"dry run: {plan.Selection} to {plan.Target}, strategy {plan.Strategy.ToString().ToLowerInvariant()}, max-down {plan.MaxDownPercent} %{PerSwitch(plan)}; nothing was changed");
        WriteOwnJobSettings(w, plan);
        foreach (var budget in turn.Decision.Budgets.Concat<Budget>(turn.Decision.SwitchBudgets))
        {
            w.WriteLine("budget " + budget);
        }

        var table = new TextTable("NODE", "NOW ON", "WOULD", "WHY");
        foreach (var change in turn.Changes)
        {
            var would = change.After.Step switch
            {
                RebuildStep.Skipped => "skip",
                RebuildStep.Submitting => "submit",
                RebuildStep.Draining => "drain",
                RebuildStep.Reserving => "create " + change.After.Detail,
                _ => "wait",
            };
            table.Add(change.Node, change.After.ImageBefore ?? "-", would, change.Why);
        }

        table.WriteTo(w);
    }

    private static string PerSwitch(RebuildPlan plan) =>
        plan.MaxDownPerSwitch is { } limit ? $", max-down-per-switch {limit}" : string.Empty;

    /// <summary>The plan's --gate and --sbatch-option, when it has them (without, nothing is printed).</summary>
    private static void WriteOwnJobSettings(TextWriter w, RebuildPlan plan)
    {
        if (plan.Gate is { } gate)
        {
            w.WriteLine("gate: " + RebuildJobRequest.Typed(gate));
        }

        if (plan.SbatchOptions.Count > 0)
        {
            w.WriteLine("sbatch options: " + RebuildJobRequest.Typed(plan.SbatchOptions));
        }
    }
}
