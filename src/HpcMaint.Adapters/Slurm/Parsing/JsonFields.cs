using System.Text.Json;

namespace HpcMaint.Adapters.Slurm.Parsing;

/// <summary>
/// Tolerant getters for Slurm's JSON, whose shapes differ between releases
/// (22.05: plain integers and strings; 24.11: {set, infinite, number} objects and lists).
/// </summary>
internal static class JsonFields
{
    public static string? String(JsonElement e, string name)
    {
        if (!e.TryGetProperty(name, out var v))
        {
            return null;
        }

        return v.ValueKind switch
        {
            JsonValueKind.String => v.GetString() is { Length: > 0 } s ? s : null,
            JsonValueKind.Array => v.GetArrayLength() == 0 ? null : string.Join(',', v.EnumerateArray().Select(x => x.ToString())),
            JsonValueKind.Number => v.GetRawText(),
            _ => null,
        };
    }

    public static IReadOnlyList<string> List(JsonElement e, string name)
    {
        if (!e.TryGetProperty(name, out var v))
        {
            return [];
        }

        return v.ValueKind switch
        {
            JsonValueKind.Array => v.EnumerateArray().Select(x => x.ToString()).Where(s => s.Length > 0).ToArray(),
            JsonValueKind.String => v.GetString()!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            _ => [],
        };
    }

    public static long? Number(JsonElement e, string name)
    {
        if (!e.TryGetProperty(name, out var v))
        {
            return null;
        }

        return Number(v);
    }

    public static bool Bool(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.True;

    /// <summary>Unix seconds; 0 and "infinite" mean "not set".</summary>
    public static DateTimeOffset? Time(JsonElement e, string name) =>
        Number(e, name) is { } seconds and > 0 ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null;

    private static long? Number(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.Number when v.TryGetInt64(out var n) => n,
        JsonValueKind.Object when v.TryGetProperty("set", out var set) && set.ValueKind == JsonValueKind.False => null,
        JsonValueKind.Object when v.TryGetProperty("infinite", out var inf) && inf.ValueKind == JsonValueKind.True => null,
        JsonValueKind.Object when v.TryGetProperty("number", out var num) => Number(num),
        _ => null,
    };
}
