using System.Globalization;

namespace HpcMaint.Adapters.Slurm.Parsing;

/// <summary>Conversions for scontrol's text values ("(null)", "None", "Unknown", local times).</summary>
internal static class ScontrolValues
{
    public static string? Text(IReadOnlyDictionary<string, string> record, string key) =>
        record.TryGetValue(key, out var v) && v.Length > 0 && v is not "(null)" and not "None" and not "N/A" ? v : null;

    public static int Int(IReadOnlyDictionary<string, string> record, string key, int fallback = 0) =>
        Text(record, key) is { } v && int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : fallback;

    public static bool YesNo(IReadOnlyDictionary<string, string> record, string key) =>
        string.Equals(Text(record, key), "YES", StringComparison.OrdinalIgnoreCase);

    /// <summary>scontrol prints times in the controller's local time zone without an offset.</summary>
    public static DateTimeOffset? Time(IReadOnlyDictionary<string, string> record, string key)
    {
        var v = Text(record, key);
        if (v is null or "Unknown" || !DateTime.TryParseExact(v, "yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.AssumeLocal, out var local))
        {
            return null;
        }

        return new DateTimeOffset(local);
    }

    public static IReadOnlyList<string> List(IReadOnlyDictionary<string, string> record, string key) =>
        Text(record, key)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
}
