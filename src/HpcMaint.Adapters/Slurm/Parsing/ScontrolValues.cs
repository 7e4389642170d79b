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

    public static DateTimeOffset? Time(IReadOnlyDictionary<string, string> record, string key) =>
        Text(record, key) is { } v ? LocalTime(v) : null;

    /// <summary>scontrol prints times in the controller's local time zone without an offset; "Unknown" and the like are null.</summary>
    public static DateTimeOffset? LocalTime(string value) =>
        DateTime.TryParseExact(value, "yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.AssumeLocal, out var local)
            ? new DateTimeOffset(local)
            : null;

    /// <summary>A time as scontrol takes it: local, to the second, without an offset (what <see cref="LocalTime"/> reads).</summary>
    public static string LocalText(DateTimeOffset time) =>
        time.ToLocalTime().ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);

    public static IReadOnlyList<string> List(IReadOnlyDictionary<string, string> record, string key) =>
        Text(record, key)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
}
