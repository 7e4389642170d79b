using System.Globalization;
using System.Text.Json;
using HpcMaint.Adapters.Files;
using HpcMaint.Core;
using HpcMaint.Core.CloudMaintenance;

namespace HpcMaint.Adapters.CloudMaintenance;

/// <summary>
/// hpcmaint's records of OCI maintenance events: one JSON file in [oci.maintenance] state_dir, replaced
/// atomically and forced to disk before the action each write announces. Unreadable, it stops the pass
/// (acting without it could take events past the daily cap).
/// </summary>
public sealed class MaintenanceStore(string directory)
{
    public string PathOf => Path.Combine(directory, "events.json");

    public Result<Dictionary<string, MaintenanceRecord>> Load()
    {
        string text;
        try
        {
            text = File.ReadAllText(PathOf);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return new Dictionary<string, MaintenanceRecord>(StringComparer.Ordinal);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Problem.Failed($"{PathOf}: {e.Message}");
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            var records = new Dictionary<string, MaintenanceRecord>(StringComparer.Ordinal);
            foreach (var item in document.RootElement.GetProperty("events").EnumerateArray())
            {
                var record = new MaintenanceRecord(
                    item.GetProperty("event").GetString()!,
                    item.GetProperty("node").GetString()!,
                    DateTimeOffset.Parse(item.GetProperty("started").GetString()!, CultureInfo.InvariantCulture))
                {
                    Attempts = item.GetProperty("attempts").GetInt32(),
                    ScheduledFor = item.TryGetProperty("scheduled_for", out var s) && s.ValueKind == JsonValueKind.String ? DateTimeOffset.Parse(s.GetString()!, CultureInfo.InvariantCulture) : null,
                    WorkRequestId = item.TryGetProperty("work_request", out var w) && w.ValueKind == JsonValueKind.String ? w.GetString() : null,
                    GatePassed = item.TryGetProperty("gate_passed", out var g) && g.ValueKind is JsonValueKind.True or JsonValueKind.False ? g.GetBoolean() : null,
                    GateDetail = item.TryGetProperty("gate_detail", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null,
                    OnFailureRan = item.TryGetProperty("on_failure", out var f) && f.ValueKind == JsonValueKind.String ? f.GetString() : null,
                };
                records[record.EventId] = record;
            }

            return records;
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or NullReferenceException)
        {
            return Problem.Invalid($"{PathOf} is not hpcmaint's record of maintenance events ({e.Message}): move it aside to start over (events already scheduled keep their attempt in their tags)");
        }
    }

    /// <summary>Writes every record; null when done, else what went wrong.</summary>
    public string? Save(IEnumerable<MaintenanceRecord> records)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteStartArray("events");
            foreach (var r in records.OrderBy(r => r.EventId, StringComparer.Ordinal))
            {
                json.WriteStartObject();
                json.WriteString("event", r.EventId);
                json.WriteString("node", r.Node);
                json.WriteString("started", r.Started.ToString("O", CultureInfo.InvariantCulture));
                json.WriteNumber("attempts", r.Attempts);
                if (r.ScheduledFor is { } start)
                {
                    json.WriteString("scheduled_for", start.ToString("O", CultureInfo.InvariantCulture));
                }

                if (r.WorkRequestId is { } request)
                {
                    json.WriteString("work_request", request);
                }

                if (r.GatePassed is { } passed)
                {
                    json.WriteBoolean("gate_passed", passed);
                    json.WriteString("gate_detail", r.GateDetail ?? string.Empty);
                }

                if (r.OnFailureRan is { } ran)
                {
                    json.WriteString("on_failure", ran);
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        try
        {
            AtomicFile.Replace(PathOf, buffer.ToArray(), durable: true);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"{PathOf}: {e.Message}";
        }
    }
}
