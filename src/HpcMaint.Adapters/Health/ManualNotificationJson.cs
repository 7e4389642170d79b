using System.Text;
using System.Text.Json;
using HpcMaint.Core.Remediation;

namespace HpcMaint.Adapters.Health;

/// <summary>The JSON a notification command reads on standard input, and a webhook receives.</summary>
public static class ManualNotificationJson
{
    public static string Write(ManualNotification n)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("event", "hpcmaint.manual");
            json.WriteString("node", n.Node);
            json.WriteString("reason", n.Reason);
            json.WriteString("condition", n.Ticket.Condition);
            json.WriteString("check", n.Ticket.Check);
            json.WriteString("ticket_opened", n.Ticket.Opened);
            json.WriteStartArray("history");
            foreach (var e in n.Ticket.History)
            {
                json.WriteStartObject();
                json.WriteString("at", e.At);
                json.WriteString("what", e.What);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("failing_checks");
            foreach (var c in n.FailingChecks)
            {
                json.WriteStartObject();
                json.WriteString("name", c.Name);
                json.WriteString("status", c.Status);
                json.WriteStartArray("findings");
                foreach (var f in c.Findings)
                {
                    json.WriteStringValue(f);
                }

                json.WriteEndArray();
                json.WriteString("output", c.Output);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
