using System.Globalization;
using System.Text;
using System.Text.Json;
using HpcMaint.Adapters.Rebuild;
using HpcMaint.Core.Rebuild;

namespace HpcMaint.Cli.Rebuild;

/// <summary>
/// The live view of a running plan: one line per change; on a terminal also a status line that is
/// redrawn in place; with --json one JSON object per line (events, then the final plan).
/// </summary>
internal sealed class ProgressView(TextWriter output, bool json, bool terminal, TimeProvider time) : IRebuildProgress
{
    private string? lastStatus;
    private bool statusShown;

    public void Change(NodeChange change)
    {
        if (json)
        {
            JsonLine(j =>
            {
                j.WriteString("event", "node");
                j.WriteString("time", Clock());
                j.WriteString("node", change.Node);
                j.WriteString("from", change.Before.Step.Text());
                j.WriteString("step", change.After.Step.Text());
                if (change.After.JobId is { } id)
                {
                    j.WriteNumber("job_id", id);
                }

                j.WriteString("why", change.Why);
            });
            return;
        }

        var arrow = change.StepChanged ? $"{change.Before.Step.Text()} → {change.After.Step.Text()}" : change.After.Step.Text();
        Line($"{Clock()[11..19]} {change.Node}: {arrow}: {change.Why}");
    }

    public void Started(RebuildPlan plan, string how)
    {
        if (json)
        {
            JsonLine(j =>
            {
                j.WriteString("event", how);
                j.WriteString("time", Clock());
                j.WriteString("plan", plan.Id);
                j.WriteString("image", plan.Image);
                j.WriteString("kind", plan.Kind.ToString().ToLowerInvariant());
                j.WriteNumber("nodes", plan.Nodes.Count);
            });
            return;
        }

        Line($"{Clock()[11..19]} plan {plan.Id} {how}: {plan.Selection} to {plan.Target}; {PlanSummary.Of(plan)}");
    }

    public void Problem(string text)
    {
        if (json)
        {
            JsonLine(j =>
            {
                j.WriteString("event", "problem");
                j.WriteString("time", Clock());
                j.WriteString("message", text);
            });
            return;
        }

        Line($"{Clock()[11..19]} {text}");
    }

    /// <summary>Counts and budgets: redrawn on a terminal, printed when they change otherwise (not with --json).</summary>
    public void Status(RebuildPlan plan, IReadOnlyList<PartitionBudget> budgets)
    {
        if (json)
        {
            return;
        }

        var text = $"[{plan.Id}] {PlanSummary.Of(plan)} | {string.Join(" | ", budgets)}";
        if (terminal)
        {
            output.Write("\r\x1b[K" + text);
            statusShown = true;
            output.Flush();
        }
        else if (text != lastStatus)
        {
            output.WriteLine(text);
            output.Flush();
        }

        lastStatus = text;
    }

    public void Finished(RebuildPlan plan, string message)
    {
        if (json)
        {
            JsonLine(j =>
            {
                j.WriteString("event", "plan");
                j.WritePropertyName("plan");
                RebuildPlanJson.Write(j, plan);
            });
            return;
        }

        Line($"[{plan.Id}] {plan.Status.ToString().ToLowerInvariant()}: {PlanSummary.Of(plan)}. {message}");
    }

    private void Line(string text)
    {
        if (statusShown)
        {
            output.Write("\r\x1b[K");
            statusShown = false;
        }

        output.WriteLine(text);
        if (terminal && lastStatus is not null)
        {
            output.Write(lastStatus);
            statusShown = true;
        }

        output.Flush();
    }

    private void JsonLine(Action<Utf8JsonWriter> body)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }

        output.WriteLine(Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length));
        output.Flush();
    }

    private string Clock() => time.GetUtcNow().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
