using System.Text;
using System.Text.Json;

namespace HpcMaint.Adapters.Cloud.OpenStack;

/// <summary>Small JSON readers shared by the Keystone and Nova parts (JsonDocument: no reflection).</summary>
internal static class OpenStackJson
{
    /// <summary>
    /// The message of an error body: Keystone's <c>{"error": {"message": …}}</c>, Nova's
    /// <c>{"conflictingRequest": {"message": …}}</c>, else the text itself, shortened.
    /// </summary>
    public static string ErrorMessage(byte[] body)
    {
        if (body.Length == 0)
        {
            return "(empty answer)";
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in document.RootElement.EnumerateObject())
                {
                    if (property.Value.ValueKind == JsonValueKind.Object && String(property.Value, "message") is { } message)
                    {
                        return message;
                    }
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON (a proxy's HTML page, say): the text below is the best there is.
        }

        var text = Encoding.UTF8.GetString(body).Trim();
        return text.Length > 200 ? text[..200] + "…" : text;
    }

    public static string? String(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    public static JsonElement? Object(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object
            ? value
            : null;

    public static IEnumerable<JsonElement> Array(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray()
            : [];

    public static byte[] Write(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        return buffer.ToArray();
    }
}
