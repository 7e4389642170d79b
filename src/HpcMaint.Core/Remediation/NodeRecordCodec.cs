using System.Text;
using System.Text.Json;
using HpcMaint.Core.Health;

namespace HpcMaint.Core.Remediation;

/// <summary>
/// The compact text of a <see cref="NodeRecord"/> in a Slurm node field:
/// <c>hpcmaint:{"t":{"c":"fs.mount","k":"scratch","s":"reboot","o":1763700000,"a":1763700030,"h":[[1763700000,"drain"]]}}</c>.
/// Times are Unix seconds. A ticket at the remedy step adds <c>"r"</c> (the remedy's id) and, once it
/// ran, <c>"rr"</c>; records written before the remedy step existed read as they always did. Text hpcmaint did not write is never read as a record (nor overwritten).
/// </summary>
public static class NodeRecordCodec
{
    public const string Prefix = "hpcmaint:";

    /// <summary>Reads a field's text: empty → <see cref="NodeRecord.Empty"/>; foreign or broken text → a problem.</summary>
    public static bool TryDecode(string? text, out NodeRecord record, out string? problem)
    {
        record = NodeRecord.Empty;
        problem = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        if (!text.StartsWith(Prefix, StringComparison.Ordinal))
        {
            problem = "it holds text hpcmaint did not write";
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(text.AsMemory(Prefix.Length));
            record = Read(document.RootElement);
            return true;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or KeyNotFoundException)
        {
            problem = $"its hpcmaint record is damaged ({e.Message.Split('.')[0]})";
            return false;
        }
    }

    public static string Encode(NodeRecord record)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            if (record.Ticket is { } t)
            {
                json.WriteStartObject("t");
                json.WriteString("c", t.Condition);
                json.WriteString("k", t.Check);
                json.WriteString("s", StepName(t.Step));
                json.WriteNumber("o", t.Opened.ToUnixTimeSeconds());
                json.WriteNumber("a", t.StepStarted.ToUnixTimeSeconds());
                if (t.Remedy is { } remedy)
                {
                    json.WriteString("r", remedy);
                }

                if (t.RemedyRan is { } ran)
                {
                    json.WriteNumber("rr", ran.ToUnixTimeSeconds());
                }

                json.WriteStartArray("h");
                foreach (var e in t.History)
                {
                    json.WriteStartArray();
                    json.WriteNumberValue(e.At.ToUnixTimeSeconds());
                    json.WriteStringValue(e.What);
                    json.WriteEndArray();
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            if (record.Hold is { } hold)
            {
                json.WriteStartObject("hold");
                json.WriteString("r", hold.Reason);
                json.WriteString("by", hold.By);
                json.WriteNumber("at", hold.At.ToUnixTimeSeconds());
                json.WriteEndObject();
            }

            if (record.BreakerOpened is { } b)
            {
                json.WriteNumber("b", b.ToUnixTimeSeconds());
            }

            if (record.Acknowledged)
            {
                json.WriteNumber("ack", 1);
            }

            if (record.PastTickets.Count > 0)
            {
                json.WriteStartArray("p");
                foreach (var p in record.PastTickets)
                {
                    json.WriteNumberValue(p.ToUnixTimeSeconds());
                }

                json.WriteEndArray();
            }

            if (record.Last is { } last)
            {
                json.WriteStartObject("l");
                json.WriteNumber("at", last.At.ToUnixTimeSeconds());
                json.WriteStartArray("f");
                foreach (var f in last.Failing)
                {
                    json.WriteStringValue(f);
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndObject();
        }

        return Prefix + Encoding.UTF8.GetString(buffer.ToArray());
    }

    public static string StepName(LadderStep step) => step switch
    {
        LadderStep.Remedy => "remedy",
        LadderStep.Reboot => "reboot",
        LadderStep.Rebuild => "rebuild",
        _ => "manual",
    };

    public static LadderStep? ParseStep(string? name) => name switch
    {
        "remedy" => LadderStep.Remedy,
        "reboot" => LadderStep.Reboot,
        "rebuild" => LadderStep.Rebuild,
        "manual" => LadderStep.Manual,
        _ => null,
    };

    private static NodeRecord Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("not an object");
        }

        var record = NodeRecord.Empty;
        if (root.TryGetProperty("t", out var t))
        {
            var step = ParseStep(t.GetProperty("s").GetString()) ?? throw new FormatException("unknown step");
            var history = t.TryGetProperty("h", out var h)
                ? h.EnumerateArray().Select(e => new TicketEvent(Time(e[0]), e[1].GetString() ?? string.Empty)).ToArray()
                : [];
            record = record with
            {
                Ticket = new Ticket(
                    t.GetProperty("c").GetString() ?? string.Empty,
                    t.TryGetProperty("k", out var k) ? k.GetString() ?? string.Empty : string.Empty,
                    step,
                    Time(t.GetProperty("o")),
                    Time(t.GetProperty("a")),
                    history)
                {
                    Remedy = t.TryGetProperty("r", out var r) ? r.GetString() : null,
                    RemedyRan = t.TryGetProperty("rr", out var rr) ? Time(rr) : null,
                },
            };
        }

        if (root.TryGetProperty("hold", out var hold))
        {
            record = record with
            {
                Hold = new Hold(hold.GetProperty("r").GetString() ?? string.Empty, hold.TryGetProperty("by", out var by) ? by.GetString() ?? string.Empty : string.Empty, Time(hold.GetProperty("at"))),
            };
        }

        if (root.TryGetProperty("b", out var b))
        {
            record = record with { BreakerOpened = Time(b) };
        }

        if (root.TryGetProperty("ack", out var ack) && ack.GetInt32() == 1)
        {
            record = record with { Acknowledged = true };
        }

        if (root.TryGetProperty("p", out var p))
        {
            record = record with { PastTickets = p.EnumerateArray().Select(Time).ToArray() };
        }

        if (root.TryGetProperty("l", out var l))
        {
            record = record with
            {
                Last = new LastRun(Time(l.GetProperty("at")), l.GetProperty("f").EnumerateArray().Select(f => f.GetString() ?? string.Empty).ToArray()),
            };
        }

        return record;
    }

    private static DateTimeOffset Time(JsonElement e) => DateTimeOffset.FromUnixTimeSeconds(e.GetInt64());
}
