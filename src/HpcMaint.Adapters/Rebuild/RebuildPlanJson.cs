using System.Globalization;
using System.Text.Json;
using HpcMaint.Adapters.Json;
using HpcMaint.Core.Rebuild;

namespace HpcMaint.Adapters.Rebuild;

/// <summary>A plan as JSON (Utf8JsonWriter and JsonDocument: no reflection): the plan file and `status --json`.</summary>
public static class RebuildPlanJson
{
    public static void Write(Utf8JsonWriter j, RebuildPlan plan)
    {
        j.WriteStartObject();
        j.WriteString("id", plan.Id);
        j.WriteString("kind", plan.Kind.ToString().ToLowerInvariant());
        j.WriteString("image", plan.Image);
        j.WriteString("strategy", plan.Strategy.ToString().ToLowerInvariant());
        j.WriteNumber("max_down_percent", plan.MaxDownPercent);
        j.WriteNumber("max_failures", plan.MaxFailures);
        j.WriteNumber("max_attempts", plan.MaxAttempts);
        j.WriteBoolean("terminate_preemptable", plan.TerminatePreemptable);
        j.WriteNumber("reboot_timeout_seconds", (long)plan.RebootTimeout.TotalSeconds);
        j.WriteStringOrNull("max_down_per_switch", plan.MaxDownPerSwitch?.ToString());
        j.WriteString("selection", plan.Selection);
        if (plan.Gate is { } gate)
        {
            WriteStrings(j, "gate", gate);
        }
        else
        {
            j.WriteNull("gate");
        }

        WriteStrings(j, "sbatch_options", plan.SbatchOptions);
        j.WriteString("created", Time(plan.Created));
        j.WriteString("status", plan.Status.ToString().ToLowerInvariant());
        j.WriteStartObject("counts");
        foreach (var step in Enum.GetValues<RebuildStep>())
        {
            j.WriteNumber(step.Text(), plan.Count(step));
        }

        j.WriteEndObject();
        WriteStall(j, plan.IsResumable ? plan.Stall : null);
        j.WriteStartArray("nodes");
        foreach (var n in plan.Nodes)
        {
            WriteNode(j, n);
        }

        j.WriteEndArray();
        if (plan.Prediction is { } prediction)
        {
            j.WritePropertyName("prediction");
            PredictionJson.Write(j, prediction);
        }

        j.WriteEndObject();
    }

    public static void WriteNode(Utf8JsonWriter j, PlannedNode n)
    {
        j.WriteStartObject();
        j.WriteString("name", n.Name);
        j.WriteString("step", n.Step.Text());
        j.WriteString("since", Time(n.Since));
        if (n.JobId is { } id)
        {
            j.WriteNumber("job_id", id);
        }
        else
        {
            j.WriteNull("job_id");
        }

        j.WriteStringOrNull("detail", n.Detail);
        j.WriteStringOrNull("image_before", n.ImageBefore);
        j.WriteNumber("attempts", n.Attempts);
        j.WriteStringOrNull("failed_why", n.FailedWhy);
        if (n.RebootAsked is { } asked)
        {
            j.WriteString("reboot_asked", Time(asked));
        }
        else
        {
            j.WriteNull("reboot_asked");
        }

        j.WriteStartArray("requeue_asked");
        foreach (var job in n.RequeueAsked)
        {
            j.WriteNumberValue(job);
        }

        j.WriteEndArray();

        j.WriteEndObject();
    }

    public static byte[] ToBytes(RebuildPlan plan)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            Write(writer, plan);
        }

        stream.WriteByte((byte)'\n');
        return stream.ToArray();
    }

    /// <summary>Reads a plan file; a file that is not a plan is an expected failure (null and the problem).</summary>
    public static RebuildPlan? TryRead(ReadOnlySpan<byte> utf8, out string? problem)
    {
        problem = null;
        try
        {
            using var doc = JsonDocument.Parse(utf8.ToArray());
            var root = doc.RootElement;
            var nodes = root.GetProperty("nodes").EnumerateArray().Select(ReadNode).ToArray();
            return new RebuildPlan(
                root.GetProperty("id").GetString()!,
                root.GetProperty("image").GetString()!,
                Enum.Parse<RebuildStrategy>(root.GetProperty("strategy").GetString()!, ignoreCase: true),
                root.GetProperty("max_down_percent").GetInt32(),
                ParseTime(root.GetProperty("created")),
                Enum.Parse<PlanStatus>(root.GetProperty("status").GetString()!, ignoreCase: true),
                nodes)
            {
                Selection = root.TryGetProperty("selection", out var s) ? s.GetString() ?? string.Empty : string.Empty,
                MaxFailures = root.TryGetProperty("max_failures", out var f) ? f.GetInt32() : RebuildPlan.DefaultMaxFailures,
                MaxDownPerSwitch = root.TryGetProperty("max_down_per_switch", out var m) && m.GetString() is { } perSwitch
                    ? DownLimit.TryParse(perSwitch, out var perSwitchProblem) ?? throw new FormatException("max_down_per_switch " + perSwitchProblem)
                    : null,

                // Plans written before --gate and --sbatch-option have neither: the configured gate, no options.
                Gate = root.TryGetProperty("gate", out var g) && g.ValueKind == JsonValueKind.Array ? Strings(g) : null,
                SbatchOptions = root.TryGetProperty("sbatch_options", out var o) && o.ValueKind == JsonValueKind.Array ? Strings(o) : [],

                MaxAttempts = root.TryGetProperty("max_attempts", out var a) ? a.GetInt32() : RebuildPlan.DefaultMaxAttempts,
                TerminatePreemptable = root.TryGetProperty("terminate_preemptable", out var tp) && tp.ValueKind == JsonValueKind.True,
                RebootTimeout = root.TryGetProperty("reboot_timeout_seconds", out var t) ? TimeSpan.FromSeconds(t.GetInt64()) : RebuildPlan.DefaultRebootTimeout,

                // Plans written before `hpcmaint reboot` are rebuilds.
                Kind = root.TryGetProperty("kind", out var k) ? Enum.Parse<PlanKind>(k.GetString()!, ignoreCase: true) : PlanKind.Rebuild,

                // Plans written before stalls were told have none.
                Stall = root.TryGetProperty("stall", out var st) && st.ValueKind == JsonValueKind.Object ? ReadStall(st) : null,

                // Plans started without a prediction (or before --what-if) have none.
                Prediction = root.TryGetProperty("prediction", out var w) && w.ValueKind == JsonValueKind.Object ? PredictionJson.Read(w) : null,
            };
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or ArgumentException)
        {
            problem = e.Message;
            return null;
        }
    }

    private static void WriteStall(Utf8JsonWriter j, PlanStall? stall)
    {
        if (stall is null)
        {
            j.WriteNull("stall");
            return;
        }

        j.WriteStartObject("stall");
        j.WriteString("since", Time(stall.Since));
        j.WriteString("text", stall.Text);
        j.WriteStartArray("by");
        foreach (var b in stall.By)
        {
            j.WriteStartObject();
            j.WriteString("node", b.Node);
            j.WriteString("cause", b.Cause);
            j.WriteString("why", b.Why);
            j.WriteEndObject();
        }

        j.WriteEndArray();
        j.WriteEndObject();
    }

    private static PlanStall ReadStall(JsonElement e) =>
        new(ParseTime(e.GetProperty("since")), e.GetProperty("by").EnumerateArray()
            .Select(b => new StallBlocker(b.GetProperty("node").GetString()!, b.GetProperty("cause").GetString()!, b.GetProperty("why").GetString()!))
            .ToArray());

    private static void WriteStrings(Utf8JsonWriter j, string name, IReadOnlyList<string> words)
    {
        j.WriteStartArray(name);
        foreach (var word in words)
        {
            j.WriteStringValue(word);
        }

        j.WriteEndArray();
    }

    private static string[] Strings(JsonElement array) =>
        array.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString()! : throw new FormatException($"a {e.ValueKind} in a list of words")).ToArray();

    private static PlannedNode ReadNode(JsonElement e)
    {
        var stepText = e.GetProperty("step").GetString()!;
        if (!RebuildSteps.TryParse(stepText, out var step))
        {
            throw new FormatException($"unknown step '{stepText}'");
        }

        return new PlannedNode(e.GetProperty("name").GetString()!, step, ParseTime(e.GetProperty("since")))
        {
            JobId = e.TryGetProperty("job_id", out var id) && id.ValueKind == JsonValueKind.Number ? id.GetInt64() : null,
            Detail = e.TryGetProperty("detail", out var d) ? d.GetString() : null,
            ImageBefore = e.TryGetProperty("image_before", out var i) ? i.GetString() : null,
            Attempts = e.TryGetProperty("attempts", out var a) ? a.GetInt32() : 0,
            FailedWhy = e.TryGetProperty("failed_why", out var w) ? w.GetString() : null,
            RebootAsked = e.TryGetProperty("reboot_asked", out var r) && r.ValueKind == JsonValueKind.String ? ParseTime(r) : null,
            RequeueAsked = e.TryGetProperty("requeue_asked", out var q) && q.ValueKind == JsonValueKind.Array ? q.EnumerateArray().Select(x => x.GetInt64()).ToArray() : [],
        };
    }

    private static string Time(DateTimeOffset t) => t.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static DateTimeOffset ParseTime(JsonElement e) =>
        DateTimeOffset.Parse(e.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
}
