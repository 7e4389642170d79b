using HpcMaint.Adapters.Files;
using HpcMaint.Adapters.Health;
using HpcMaint.Adapters.Hosting;
using HpcMaint.Adapters.Processes;
using HpcMaint.Core.Config;
using HpcMaint.Core.Health;
using HpcMaint.Core.Remediation;
using HpcMaint.Core.Trust;
using Microsoft.Extensions.Logging;

namespace HpcMaint.Health;

/// <summary>Wires one health run for this node and reports it: a log line for slurmd, a table or JSON for admins.</summary>
internal static class HealthRun
{
    public static int Execute(HpcMaintConfig config, string node, HookArguments arguments, ILoggerFactory logging)
    {
        var log = logging.CreateLogger("hpcmaint-health");

        // A check tool that hangs must not outlive the run (slurmd starts one every HealthCheckInterval): its
        // orphaned descendants come to us, and whatever is left when the run ends is killed.
        if (ChildSubreaper.Become() is { } problem)
        {
            log.LogWarning("tools that leave their process group cannot be cleaned up: {Problem}", problem);
        }

        try
        {
            return Run(config, node, arguments, log);
        }
        finally
        {
            ChildSubreaper.EndLeftovers();
        }
    }

    private static int Run(HpcMaintConfig config, string node, HookArguments arguments, ILogger log)
    {
        var time = TimeProvider.System;
        var health = config.Health;
        if (UntrustedStatePaths(health, node) is { } untrusted)
        {
            log.LogError("{Problem}; nothing was done", untrusted);
            return 2;
        }
        var healthRunner = HealthRunnerFactory.Create(config, health, node, "hpcmaint-health", time);

        using var budget = new CancellationTokenSource(health.Budget, time);
        var report = healthRunner.RunAsync(node, arguments.DryRun, budget.Token).GetAwaiter().GetResult();

        if (health.MetricsFile is { } metricsPath && HealthSettings.ForNode(metricsPath, node) is var metrics && !arguments.DryRun
            && AtomicFile.TryReplace(metrics, HealthMetrics.Format(report), AtomicFile.ReadableByAll) is { } problem)
        {
            log.LogWarning("cannot write the metrics file {File}: {Problem}", metrics, problem);
        }

        if (HealthCounters.Write(health, report) is { } countersProblem)
        {
            log.LogWarning("cannot write the counters beside the metrics file: {Problem}", countersProblem);
        }

        if (arguments.Json)
        {
            Console.Out.WriteLine(HealthRunReportJson.Write(report));
        }
        else if (arguments.Once || arguments.DryRun)
        {
            HealthRunText.Write(report, Console.Out);
        }

        Log(log, report);
        return 0;
    }

    /// <summary>
    /// This node's state and metrics files (named with "{node}", so judged only now): never a link, never in a
    /// directory others can write; the state file, which decides strikes, only where root or we own it.
    /// </summary>
    private static string? UntrustedStatePaths(HealthSettings health, string node)
    {
        var state = HealthSettings.ForNode(health.StateFile, node);
        var metrics = health.MetricsFile is { } template ? HealthSettings.ForNode(template, node) : null;
        return StatePaths.Problem(state, PathUse.StateFile)
            ?? StatePaths.Problem(Path.GetDirectoryName(state)!, PathUse.PrivateDirectory)
            ?? (metrics is null ? null : StatePaths.Problem(metrics, PathUse.StateFile));
    }

    private static void Log(ILogger log, HealthRunReport report)
    {
        var failing = report.Results.Where(r => !r.Passed).Select(r => $"{r.Name} ({string.Join("; ", r.Verdict.Findings.Select(f => $"{f.Condition}: {f.Actual} vs {f.Expected}"))})").ToArray();
        log.LogInformation(
            "node {Node}: {Checks} checks, {Failing} failing in {Ms} ms{Details}",
            report.Node,
            report.Results.Count,
            failing.Length,
            (int)report.Duration.TotalMilliseconds,
            failing.Length == 0 ? string.Empty : ": " + string.Join(", ", failing));
        foreach (var o in report.Outcomes)
        {
            if (o.Error is not null)
            {
                log.LogError("node {Node}: {What} failed: {Error}", report.Node, o.Action.Describe(), o.Error);
            }
            else
            {
                log.LogInformation("node {Node}: {Done}{What}", report.Node, report.DryRun ? "would " : string.Empty, o.Action.Describe());
            }
        }

        if (report.JournalProblemText is { } journal)
        {
            log.LogError("node {Node}: {Problem}", report.Node, journal);
        }

        foreach (var note in report.Plan.Notes)
        {
            log.LogWarning("node {Node}: {Note}", report.Node, note);
        }
    }
}
