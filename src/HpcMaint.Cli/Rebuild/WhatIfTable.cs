using System.Globalization;
using HpcMaint.Cli.Output;
using HpcMaint.Core.Rebuild;

namespace HpcMaint.Cli.Rebuild;

/// <summary>`--what-if`: the predicted waves, each node's start and return, the makespan and the capacity lost.</summary>
internal static class WhatIfTable
{
    public static void Write(TextWriter w, RebuildPlan plan, Prediction prediction)
    {
        w.WriteLine($"what-if: {plan.Selection} to {plan.Target}, strategy {plan.Strategy.ToString().ToLowerInvariant()}, max-down {plan.MaxDownPercent} %"
            + (plan.MaxDownPerSwitch is { } limit ? $", max-down-per-switch {limit}" : string.Empty)
            + "; predicted, nothing sent to Slurm, no plan written");
        foreach (var wave in prediction.Nodes.Where(n => n.Wave > 0).GroupBy(n => n.Wave).OrderBy(g => g.Key))
        {
            w.WriteLine($"wave {wave.Key} at {OperatorTime.Format(wave.First().Admitted)}: {string.Join(", ", wave.Select(n => n.Name))}");
        }

        var table = new TextTable("NODE", "WAVE", "ADMITTED", "FREE", "START", "BACK", "REBOOT", "REBOOT FROM");
        foreach (var n in prediction.Nodes)
        {
            table.Add(n.Name, n.Wave.ToString(CultureInfo.InvariantCulture), OperatorTime.Format(n.Admitted), OperatorTime.Format(n.Free), OperatorTime.Format(n.Start),
                OperatorTime.Format(n.Back), Seconds(n.Estimate.Duration), n.Estimate.Source);
        }

        table.WriteTo(w);
        foreach (var u in prediction.Unpredicted)
        {
            w.WriteLine($"not predicted: {u.Name}: {u.Why}");
        }

        w.WriteLine(prediction.Makespan is { } makespan
            ? $"makespan: {Seconds(makespan)} (all back by {OperatorTime.Format(prediction.Made + makespan)})"
            : $"makespan: unknown ({prediction.Unpredicted.Count} node(s) not predicted)");
        w.WriteLine(string.Create(CultureInfo.InvariantCulture, $"capacity lost: {prediction.NodeHoursLost:0.000} node-hours out of service (each node from its work's end to back in service)"));
    }

    /// <summary>For `status`: the header line of predicted against actual.</summary>
    public static string Makespans(RebuildPlan plan, DateTimeOffset now)
    {
        var prediction = plan.Prediction!;
        var ends = plan.Nodes.Where(n => n.Step.IsFinished()).Select(n => n.Since).DefaultIfEmpty(now).Max();
        var elapsed = (plan.IsOpen ? now : ends) - prediction.Made;
        var predicted = prediction.Makespan is { } m ? Seconds(m) : "unknown";
        return $"predicted makespan {predicted}, {(plan.IsOpen ? "elapsed so far" : "actual")} {Seconds(elapsed)}";
    }

    public static string Seconds(TimeSpan t) => string.Create(CultureInfo.InvariantCulture, $"{t.TotalSeconds:0.0} s");
}
