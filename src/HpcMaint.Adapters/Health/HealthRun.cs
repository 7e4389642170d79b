using HpcMaint.Adapters.Files;
using HpcMaint.Adapters.Processes;
using HpcMaint.Core;
using HpcMaint.Core.Config;
using HpcMaint.Core.Health;
using HpcMaint.Core.Remediation;
using HpcMaint.Core.Trust;
using Microsoft.Extensions.Logging;

namespace HpcMaint.Adapters.Health;

/// <summary>
/// One hpcmaint-health run for this node around the loop (<see cref="HealthRunner"/>): its state files judged,
/// its tools' leftovers ended, the metrics and counters written, a log line for slurmd. The report, for the
/// executable to print; a problem when nothing could be done.
/// </summary>
public static class HealthRun
{
    public static async Task<Result<HealthRunReport>> ExecuteAsync(HpcMaintConfig config, string node, bool dryRun, ILoggerFactory logging)
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
            return await RunAsync(config, node, dryRun, log);
        }
        finally
        {
            ChildSubreaper.EndLeftovers();
        }
    }

    private static async Task<Result<HealthRunReport>> RunAsync(HpcMaintConfig config, string node, bool dryRun, ILogger log)
    {
        var time = TimeProvider.System;
        var health = config.Health;
        if (UntrustedStatePaths(health, node) is { } untrusted)
        {
            log.LogError("{Problem}; nothing was done", untrusted);
            return Problem.Invalid(untrusted);
        }

        var healthRunner = HealthRunnerFactory.Create(config, health, node, "hpcmaint-health", time);

        using var budget = new CancellationTokenSource(health.Budget, time);
        var report = await healthRunner.RunAsync(node, dryRun, budget.Token);

        if (health.MetricsFile is { } metricsPath && HealthSettings.ForNode(metricsPath, node) is var metrics && !dryRun
            && AtomicFile.TryReplace(metrics, HealthMetrics.Format(report), AtomicFile.ReadableByAll) is { } problem)
        {
            log.LogWarning("cannot write the metrics file {File}: {Problem}", metrics, problem);
        }

        if (HealthCounters.Write(health, report) is { } countersProblem)
        {
            log.LogWarning("cannot write the counters beside the metrics file: {Problem}", countersProblem);
        }

        Log(log, report);
        return report;
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
