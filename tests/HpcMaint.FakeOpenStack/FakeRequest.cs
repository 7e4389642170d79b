using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace HpcMaint.FakeOpenStack;

/// <summary>Reading request bodies and the JSON in them.</summary>
public static class FakeRequest
{
    /// <summary>The body as JSON, or null when it is not.</summary>
    public static async Task<JsonDocument?> ReadJsonAsync(HttpContext context)
    {
        try
        {
            return await JsonDocument.ParseAsync(context.Request.Body, default, context.RequestAborted);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The string member <paramref name="name"/> of an object; null when absent, not a string, or not an object.</summary>
    public static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
