using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace HpcMaint.FakeOpenStack;

/// <summary>Reading request bodies.</summary>
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
}
