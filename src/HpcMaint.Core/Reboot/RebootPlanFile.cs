using System.Text;
using System.Text.Json;

namespace HpcMaint.Core.Reboot;

/// <summary>
/// The work hpcmaint-reboot hands to its detached worker, as JSON:
/// <c>{"mode":"controller","actions":[{"node":"n1","method":"openstack-rebuild","image":"img","why":"…"}]}</c>.
/// </summary>
public static class RebootPlanFile
{
    /// <summary>The plan's file name in [reboot] work_dir: unique per run (when, which process), so two runs never share one.</summary>
    public static string NameFor(DateTimeOffset now, int processId) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"plan-{now.ToUnixTimeMilliseconds()}-{processId}.json");

    public static string Encode(string mode, IReadOnlyList<RebootAction> actions)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("mode", mode);
            json.WriteStartArray("actions");
            foreach (var a in actions)
            {
                json.WriteStartObject();
                json.WriteString("node", a.Node);
                json.WriteString("method", a.MethodName);
                json.WriteStartArray("command");
                foreach (var arg in a.Command)
                {
                    json.WriteStringValue(arg);
                }

                json.WriteEndArray();
                if (a.Image is not null)
                {
                    json.WriteString("image", a.Image);
                }

                json.WriteString("why", a.Why);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    public static Result<RebootPlan> Decode(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            var mode = root.GetProperty("mode").GetString() ?? string.Empty;
            var list = new List<RebootAction>();
            foreach (var a in root.GetProperty("actions").EnumerateArray())
            {
                var methodName = a.GetProperty("method").GetString() ?? string.Empty;
                var method = RebootMethods.Parse(methodName) ?? throw new FormatException($"unknown method '{methodName}'");
                list.Add(new RebootAction(
                    a.GetProperty("node").GetString() ?? throw new FormatException("an action without a node"),
                    method,
                    a.GetProperty("command").EnumerateArray().Select(e => e.GetString() ?? string.Empty).ToArray(),
                    a.TryGetProperty("image", out var image) ? image.GetString() : null,
                    a.GetProperty("why").GetString() ?? string.Empty));
            }

            return new RebootPlan(mode, list);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or KeyNotFoundException)
        {
            return Problem.Invalid("not a reboot plan: " + e.Message);
        }
    }
}
