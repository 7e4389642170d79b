using System.Globalization;
using System.Text;
using HpcMaint.Core.Health;
using HpcMaint.Core.Remediation;

namespace HpcMaint.Adapters.Health;

/// <summary>The Prometheus textfile-collector text for one health run on one node.</summary>
public static class HealthMetrics
{
    public static string Format(HealthRunReport report, DateTimeOffset? ticketClosedOpenedAt)
    {
        var text = new StringBuilder();
        Help(text, "hpcmaint_health_check_status", "Last result per check: 0 pass, 1 fail, 2 error.");
        foreach (var r in report.Results)
        {
            Line(text, "hpcmaint_health_check_status", Labels(("check", r.Name), ("kind", r.Definition.Kind)), r.Verdict.Status switch
            {
                CheckStatus.Pass => 0,
                CheckStatus.Fail => 1,
                _ => 2,
            });
        }

        Help(text, "hpcmaint_health_check_duration_seconds", "How long each check took in the last run.");
        foreach (var r in report.Results)
        {
            Line(text, "hpcmaint_health_check_duration_seconds", Labels(("check", r.Name)), r.Duration.TotalSeconds);
        }

        Help(text, "hpcmaint_health_strikes", "Consecutive failing runs per check and condition.");
        foreach (var (key, count) in report.Plan.Strikes.Counts.OrderBy(k => k.Key, StringComparer.Ordinal))
        {
            var bar = key.IndexOf('|', StringComparison.Ordinal);
            Line(text, "hpcmaint_health_strikes", Labels(("check", key[..bar]), ("condition", key[(bar + 1)..])), count);
        }

        Help(text, "hpcmaint_health_ticket_open", "1 when this node has an open ticket at the given ladder step.");
        foreach (var step in Enum.GetValues<LadderStep>())
        {
            Line(text, "hpcmaint_health_ticket_open", Labels(("step", NodeRecordCodec.StepName(step))), report.RecordAfter?.Ticket?.Step == step ? 1 : 0);
        }

        Help(text, "hpcmaint_health_breaker_open", "1 when the breaker stopped hpcmaint acting on this node.");
        Line(text, "hpcmaint_health_breaker_open", string.Empty, report.Plan.BreakerOpen || report.RecordAfter?.BreakerOpened is not null ? 1 : 0);
        Help(text, "hpcmaint_health_held", "1 when an admin holds this node (hpcmaint hold).");
        Line(text, "hpcmaint_health_held", string.Empty, report.RecordAfter?.Hold is not null ? 1 : 0);
        Help(text, "hpcmaint_health_journal_writable", "0 when the audit journal could not be written and hpcmaint therefore did nothing.");
        Line(text, "hpcmaint_health_journal_writable", string.Empty, report.JournalProblem is null ? 1 : 0);
        Help(text, "hpcmaint_health_slurm_reachable", "1 when slurmctld answered the last run that asked it.");
        Line(text, "hpcmaint_health_slurm_reachable", string.Empty, !report.SlurmAsked || report.SlurmAnswered ? 1 : 0);
        if (ticketClosedOpenedAt is { } opened)
        {
            Help(text, "hpcmaint_health_remediation_seconds", "From a ticket's opening to its closing, for the ticket closed last.");
            Line(text, "hpcmaint_health_remediation_seconds", string.Empty, (report.StartedAt - opened).TotalSeconds);
        }

        Help(text, "hpcmaint_health_run_duration_seconds", "Wall time of the last health run.");
        Line(text, "hpcmaint_health_run_duration_seconds", string.Empty, report.Duration.TotalSeconds);
        Help(text, "hpcmaint_health_last_run_timestamp_seconds", "When the last health run started (Unix time).");
        Line(text, "hpcmaint_health_last_run_timestamp_seconds", string.Empty, report.StartedAt.ToUnixTimeSeconds());
        return text.ToString();
    }

    private static void Help(StringBuilder text, string name, string help) =>
        text.Append("# HELP ").Append(name).Append(' ').Append(help).Append('\n')
            .Append("# TYPE ").Append(name).Append(" gauge\n");

    private static void Line(StringBuilder text, string name, string labels, double value) =>
        text.Append(name).Append(labels).Append(' ').Append(value.ToString("0.######", CultureInfo.InvariantCulture)).Append('\n');

    private static string Labels(params (string Name, string Value)[] labels) =>
        "{" + string.Join(",", labels.Select(l => $"{l.Name}=\"{Escape(l.Value)}\"")) + "}";

    private static string Escape(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
}
