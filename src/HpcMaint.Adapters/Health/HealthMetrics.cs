using HpcMaint.Adapters.Metrics;
using HpcMaint.Core.Health;
using HpcMaint.Core.Remediation;

namespace HpcMaint.Adapters.Health;

/// <summary>
/// The Prometheus textfile-collector text for one health run on one node: gauges, rewritten by every
/// run. What must outlive a run (counts, the last remediation's length) is in <see cref="HealthCounters"/>.
/// </summary>
public static class HealthMetrics
{
    public static string Format(HealthRunReport report)
    {
        var text = new MetricsText();
        text.Family("hpcmaint_health_check_status", MetricType.Gauge, "Last result per check: 0 pass, 1 fail, 2 error.");
        foreach (var r in report.Results)
        {
            text.Sample("hpcmaint_health_check_status", r.Verdict.Status switch
            {
                CheckStatus.Pass => 0,
                CheckStatus.Fail => 1,
                _ => 2,
            }, ("check", r.Name), ("kind", r.Definition.Kind));
        }

        text.Family("hpcmaint_health_check_duration_seconds", MetricType.Gauge, "How long each check took in the last run.");
        foreach (var r in report.Results)
        {
            text.Sample("hpcmaint_health_check_duration_seconds", r.Duration.TotalSeconds, ("check", r.Name));
        }

        text.Family("hpcmaint_health_strikes", MetricType.Gauge, "Consecutive failing runs per check and condition.");
        foreach (var (key, count) in report.Plan.Strikes.Counts.OrderBy(k => k.Key, StringComparer.Ordinal))
        {
            var bar = key.IndexOf('|', StringComparison.Ordinal);
            text.Sample("hpcmaint_health_strikes", count, ("check", key[..bar]), ("condition", key[(bar + 1)..]));
        }

        text.Family("hpcmaint_health_ticket_open", MetricType.Gauge, "1 when this node has an open ticket at the given ladder step.");
        foreach (var step in Enum.GetValues<LadderStep>())
        {
            text.Sample("hpcmaint_health_ticket_open", report.RecordAfter?.Ticket?.Step == step ? 1 : 0, ("step", NodeRecordCodec.StepName(step)));
        }

        return text
            .Family("hpcmaint_health_breaker_open", MetricType.Gauge, "1 when the breaker stopped hpcmaint acting on this node.")
            .Sample("hpcmaint_health_breaker_open", report.Plan.BreakerOpen || report.RecordAfter?.BreakerOpened is not null ? 1 : 0)
            .Family("hpcmaint_health_held", MetricType.Gauge, "1 when an admin holds this node (hpcmaint hold).")
            .Sample("hpcmaint_health_held", report.RecordAfter?.Hold is not null ? 1 : 0)
            .Family("hpcmaint_health_journal_writable", MetricType.Gauge, "0 when the audit journal could not be written and hpcmaint therefore did nothing.")
            .Sample("hpcmaint_health_journal_writable", report.JournalProblem is null ? 1 : 0)
            .Family("hpcmaint_health_slurm_reachable", MetricType.Gauge, "1 when slurmctld answered the last run that asked it.")
            .Sample("hpcmaint_health_slurm_reachable", !report.SlurmAsked || report.SlurmAnswered ? 1 : 0)
            .Family("hpcmaint_health_run_duration_seconds", MetricType.Gauge, "Wall time of the last health run.")
            .Sample("hpcmaint_health_run_duration_seconds", report.Duration.TotalSeconds)
            .Family("hpcmaint_health_last_run_timestamp_seconds", MetricType.Gauge, "When the last health run started (Unix time).")
            .Sample("hpcmaint_health_last_run_timestamp_seconds", report.StartedAt.ToUnixTimeSeconds())
            .ToString();
    }
}
