using System.Text;
using System.Text.Json;
using HpcMaint.Core.Remediation;

namespace HpcMaint.Adapters.Health;

/// <summary>`hpcmaint-health --once --json`: the run's checks, decision and actions for machines.</summary>
public static class HealthRunReportJson
{
    public static string Write(HealthRunReport report)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("node", report.Node);
            json.WriteString("started_at", report.StartedAt);
            json.WriteNumber("duration_ms", Math.Round(report.Duration.TotalMilliseconds, 1));
            json.WriteBoolean("healthy", report.Healthy);
            json.WriteBoolean("dry_run", report.DryRun);
            json.WriteBoolean("slurm_asked", report.SlurmAsked);
            json.WriteBoolean("slurm_answered", report.SlurmAnswered);
            if (report.JournalProblem is { } journal)
            {
                json.WriteString("journal_problem", journal);
            }

            json.WriteStartArray("checks");
            foreach (var r in report.Results)
            {
                json.WriteStartObject();
                json.WriteString("name", r.Name);
                json.WriteString("kind", r.Definition.Kind);
                json.WriteString("status", r.Verdict.Status.ToString().ToLowerInvariant());
                json.WriteString("priority", r.Definition.Priority.ToString());
                json.WriteNumber("duration_ms", Math.Round(r.Duration.TotalMilliseconds, 2));
                json.WriteStartArray("findings");
                foreach (var f in r.Verdict.Findings)
                {
                    json.WriteStartObject();
                    json.WriteString("condition", f.Condition);
                    json.WriteString("actual", f.Actual);
                    json.WriteString("expected", f.Expected);
                    json.WriteBoolean("critical", f.Critical);
                    json.WriteNumber("strikes", report.Plan.Strikes.Of(r.Name, f.Condition));
                    json.WriteNumber("strike_limit", r.Definition.Strikes);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("actions");
            foreach (var o in report.Outcomes)
            {
                json.WriteStartObject();
                json.WriteString("action", o.Action.Name);
                json.WriteString("what", o.Action.Describe());
                json.WriteBoolean("done", o.Carried);
                if (o.Error is not null)
                {
                    json.WriteString("error", o.Error);
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("notes");
            foreach (var n in report.Plan.Notes)
            {
                json.WriteStringValue(n);
            }

            json.WriteEndArray();
            if (report.RecordAfter?.Ticket is { } t)
            {
                json.WriteStartObject("ticket");
                json.WriteString("condition", t.Condition);
                json.WriteString("step", NodeRecordCodec.StepName(t.Step));
                json.WriteString("opened", t.Opened);
                json.WriteEndObject();
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
