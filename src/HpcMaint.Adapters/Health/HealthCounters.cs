using HpcMaint.Adapters.Metrics;
using HpcMaint.Core.Health;
using HpcMaint.Core.Remediation;

namespace HpcMaint.Adapters.Health;

/// <summary>
/// What hpcmaint-health and `hpcmaint verify` did to a node, counted across runs in a file beside
/// [health] metrics_file (its name with "-counters.prom"): remedies by outcome, tickets opened and
/// closed, drains and resumes, and how long the ticket closed last was open. A run that did none of
/// these (every healthy run) does not touch the file.
/// </summary>
public static class HealthCounters
{
    public const string Remedies = "hpcmaint_health_remedies_total";
    public const string TicketsOpened = "hpcmaint_health_tickets_opened_total";
    public const string TicketsClosed = "hpcmaint_health_tickets_closed_total";
    public const string Drains = "hpcmaint_health_drains_total";
    public const string Resumes = "hpcmaint_health_resumes_total";
    public const string Remediation = "hpcmaint_health_remediation_seconds";

    /// <summary>metrics.prom → metrics-counters.prom, in the same directory (the textfile collector reads both).</summary>
    public static string PathFor(string metricsFile) =>
        (metricsFile.EndsWith(".prom", StringComparison.Ordinal) ? metricsFile[..^".prom".Length] : metricsFile) + "-counters.prom";

    /// <summary>Adds this run's counts to the node's counter file; returns what went wrong, or null.</summary>
    public static string? Write(HealthSettings settings, HealthRunReport report)
    {
        if (report.DryRun || settings.MetricsFile is not { } metrics)
        {
            return null;
        }

        var changes = Of(report);
        return changes.Count == 0 ? null : CounterFile.Apply(PathFor(HealthSettings.ForNode(metrics, report.Node)), changes);
    }

    public static IReadOnlyList<MetricChange> Of(HealthRunReport report)
    {
        var changes = new List<MetricChange>();
        foreach (var outcome in report.Outcomes.Where(o => o.Attempted))
        {
            switch (outcome.Action)
            {
                case RunRemedy run:
                    var how = outcome.Carried ? "succeeded" : outcome.TimedOut ? "timed_out" : "failed";
                    changes.Add(MetricChange.Count(Remedies, "[[health.remedy]] commands run, by remedy id and outcome (succeeded, failed, timed_out).", ("remedy", run.Remedy.Id), ("outcome", how)));
                    break;
                case DrainNode when outcome.Carried && report.Before is { DrainedByUs: false }:
                    changes.Add(MetricChange.Count(Drains, "Drains by hpcmaint of a node in service (a ticket climbing rewrites the reason: not counted)."));
                    break;
                case ResumeNode when outcome.Carried:
                    changes.Add(MetricChange.Count(Resumes, "Nodes hpcmaint resumed (only ever its own drains)."));
                    break;
                case WriteRecord write when outcome.Carried && report.Before is { } before:
                    Tickets(before.Record.Ticket, write.Record.Ticket, report.StartedAt, changes);
                    break;
            }
        }

        return changes;
    }

    private static void Tickets(Ticket? was, Ticket? now, DateTimeOffset at, List<MetricChange> changes)
    {
        if (now is not null && (was is null || was.Opened != now.Opened))
        {
            changes.Add(MetricChange.Count(TicketsOpened, "Tickets opened, by the ladder step they opened at.", ("step", NodeRecordCodec.StepName(now.Step))));
        }

        if (was is not null && (now is null || now.Opened != was.Opened))
        {
            changes.Add(MetricChange.Count(TicketsClosed, "Tickets closed (every check passed), by the ladder step they had reached.", ("step", NodeRecordCodec.StepName(was.Step))));
            changes.Add(MetricChange.GaugeTo(Remediation, "From a ticket's opening to its closing, for the ticket closed last.", (at - was.Opened).TotalSeconds));
        }
    }
}
