using System.Globalization;
using System.Text.Json;
using HpcMaint.Adapters.Json;
using HpcMaint.Core.Audit;

namespace HpcMaint.Adapters.Audit;

/// <summary>One journal line per record, written and read without reflection (AOT-safe).</summary>
public static class AuditJson
{
    private static readonly JsonWriterOptions WriterOptions = new() { Indented = false };

    public static byte[] ToJsonLine(AuditRecord record)
    {
        using var buffer = new MemoryStream(256);
        using (var w = new Utf8JsonWriter(buffer, WriterOptions))
        {
            Write(w, record);
        }

        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    public static void Write(Utf8JsonWriter w, AuditRecord record)
    {
        w.WriteStartObject();
        w.WriteString("timestamp", record.Timestamp.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture));
        w.WriteString("actor", record.Actor);
        w.WriteStringOrNull("node", record.Node);
        w.WriteString("action", record.Action);
        w.WriteStringOrNull("reason", record.Reason);
        w.WriteBoolean("dry_run", record.DryRun);
        w.WriteString("outcome", OutcomeText(record.Outcome));
        w.WriteStartObject("details");
        foreach (var (key, value) in record.Details)
        {
            w.WriteString(key, value);
        }

        w.WriteEndObject();
        w.WriteEndObject();
    }

    /// <summary>Parses one line; null for a line that is not a complete record (e.g. torn by a crash).</summary>
    public static AuditRecord? TryParseLine(ReadOnlySpan<byte> line)
    {
        try
        {
            var reader = new Utf8JsonReader(line);
            using var doc = JsonDocument.ParseValue(ref reader);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var details = new Dictionary<string, string>(StringComparer.Ordinal);
            if (root.TryGetProperty("details", out var d) && d.ValueKind == JsonValueKind.Object)
            {
                foreach (var p in d.EnumerateObject())
                {
                    details[p.Name] = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText();
                }
            }

            return new AuditRecord(
                DateTimeOffset.Parse(root.GetProperty("timestamp").GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
                root.GetProperty("actor").GetString()!,
                GetNullable(root, "node"),
                root.GetProperty("action").GetString()!,
                GetNullable(root, "reason"),
                root.TryGetProperty("dry_run", out var dry) && dry.ValueKind == JsonValueKind.True,
                ParseOutcome(root.GetProperty("outcome").GetString()),
                details);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or FormatException or InvalidOperationException)
        {
            return null;
        }
    }

    public static string OutcomeText(AuditOutcome outcome) => outcome switch
    {
        AuditOutcome.Planned => "planned",
        AuditOutcome.Succeeded => "succeeded",
        AuditOutcome.Failed => "failed",
        AuditOutcome.Skipped => "skipped",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome)),
    };

    private static AuditOutcome ParseOutcome(string? text) => text switch
    {
        "planned" => AuditOutcome.Planned,
        "succeeded" => AuditOutcome.Succeeded,
        "failed" => AuditOutcome.Failed,
        "skipped" => AuditOutcome.Skipped,
        _ => throw new FormatException($"unknown outcome '{text}'"),
    };

    private static string? GetNullable(JsonElement root, string name) =>
        root.TryGetProperty(name, out var e) && e.ValueKind == JsonValueKind.String ? e.GetString() : null;
}
