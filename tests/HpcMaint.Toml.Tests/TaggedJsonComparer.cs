using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace HpcMaint.Toml.Tests;

/// <summary>
/// Compares tagged JSON the way toml-test's CompareJSON does: objects by key set, arrays by order, leaves by
/// type then value. Floats compare numerically (any sign on nan, -0 == 0), bools case-insensitively, and
/// date-times as times (" "/"t" for "T", "z" for "Z", trailing fractional zeros, same instant for offset
/// date-times). Unlike toml-test 2.x, which parses the expected date-time twice, both sides are parsed here.
/// </summary>
internal static partial class TaggedJsonComparer
{
    /// <summary>Returns null when equal, else where and how they differ.</summary>
    public static string? Difference(string expectedJson, string actualJson)
    {
        using var expected = JsonDocument.Parse(expectedJson);
        using var actual = JsonDocument.Parse(actualJson);
        return Compare(expected.RootElement, actual.RootElement, "(root)");
    }

    private static string? Compare(JsonElement want, JsonElement have, string path) => want.ValueKind switch
    {
        JsonValueKind.Object when IsLeaf(want) => IsLeaf(have) ? CompareLeaves(want, have, path) : $"{path}: expected a value, got {have}",
        JsonValueKind.Object => have.ValueKind == JsonValueKind.Object && !IsLeaf(have) ? CompareTables(want, have, path) : $"{path}: expected a table, got {have}",
        JsonValueKind.Array => have.ValueKind == JsonValueKind.Array ? CompareArrays(want, have, path) : $"{path}: expected an array, got {have}",
        _ => $"{path}: expected output holds {want.ValueKind}, which is neither a table nor an array",
    };

    private static bool IsLeaf(JsonElement e) =>
        e.ValueKind == JsonValueKind.Object
        && e.EnumerateObject().Count() == 2
        && e.TryGetProperty("type", out _)
        && e.TryGetProperty("value", out _);

    private static string? CompareTables(JsonElement want, JsonElement have, string path)
    {
        var wantKeys = want.EnumerateObject().Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        var haveKeys = have.EnumerateObject().Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        if (wantKeys.Except(haveKeys).FirstOrDefault() is { } missing)
        {
            return $"{path}: key '{missing}' missing from parser output";
        }

        if (haveKeys.Except(wantKeys).FirstOrDefault() is { } extra)
        {
            return $"{path}: unexpected key '{extra}' in parser output";
        }

        foreach (var property in want.EnumerateObject())
        {
            if (Compare(property.Value, have.GetProperty(property.Name), $"{path}.{property.Name}") is { } difference)
            {
                return difference;
            }
        }

        return null;
    }

    private static string? CompareArrays(JsonElement want, JsonElement have, string path)
    {
        if (want.GetArrayLength() != have.GetArrayLength())
        {
            return $"{path}: expected {want.GetArrayLength()} elements, got {have.GetArrayLength()}";
        }

        for (int i = 0; i < want.GetArrayLength(); i++)
        {
            if (Compare(want[i], have[i], $"{path}[{i}]") is { } difference)
            {
                return difference;
            }
        }

        return null;
    }

    private static string? CompareLeaves(JsonElement want, JsonElement have, string path)
    {
        string wantType = want.GetProperty("type").GetString()!;
        string? haveType = have.GetProperty("type").GetString();
        if (wantType != haveType)
        {
            return $"{path}: expected type {wantType}, got {haveType}";
        }

        string wantValue = want.GetProperty("value").GetString()!;
        string haveValue = have.GetProperty("value").GetString()!;
        bool same = wantType switch
        {
            "float" => SameFloat(wantValue, haveValue),
            "bool" => string.Equals(wantValue, haveValue, StringComparison.OrdinalIgnoreCase),
            "datetime" or "datetime-local" or "date-local" or "time-local" => SameDateTime(wantType, wantValue, haveValue),
            _ => wantValue == haveValue,
        };
        return same ? null : $"{path}: expected {wantType} '{wantValue}', got '{haveValue}'";
    }

    private static bool SameFloat(string want, string have)
    {
        want = want.ToLowerInvariant();
        have = have.ToLowerInvariant();
        if (want.EndsWith("nan", StringComparison.Ordinal) || have.EndsWith("nan", StringComparison.Ordinal))
        {
            return want.TrimStart('+', '-') == have.TrimStart('+', '-');
        }

        return ParseFloat(want) is { } w && ParseFloat(have) is { } h && w == h;
    }

    private static double? ParseFloat(string text) => text switch
    {
        "inf" or "+inf" => double.PositiveInfinity,
        "-inf" => double.NegativeInfinity,
        _ => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) ? d : null,
    };

    private static bool SameDateTime(string kind, string want, string have) =>
        DateTimeKey(kind, want) is { } w && DateTimeKey(kind, have) is { } h && w == h;

    /// <summary>A canonical form: equal keys mean the same date-time of that kind.</summary>
    private static string? DateTimeKey(string kind, string text)
    {
        text = text.Replace(' ', 'T').Replace('t', 'T').Replace('z', 'Z');
        var m = kind switch
        {
            "datetime" => OffsetDateTime().Match(text),
            "datetime-local" => LocalDateTime().Match(text),
            "date-local" => LocalDate().Match(text),
            _ => LocalTime().Match(text),
        };
        if (!m.Success)
        {
            return null;
        }

        string fraction = m.Groups["frac"].Value.TrimEnd('0');
        if (kind != "datetime")
        {
            return $"{m.Groups["date"].Value}T{m.Groups["time"].Value}.{fraction}";
        }

        // Same instant: move to UTC by whole minutes; the fraction is unaffected.
        var local = DateTime.ParseExact($"{m.Groups["date"].Value}T{m.Groups["time"].Value}", "yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
        string offset = m.Groups["offset"].Value;
        int offsetMinutes = offset == "Z" ? 0 : (offset[0] == '-' ? -1 : 1) * ((int.Parse(offset[1..3], CultureInfo.InvariantCulture) * 60) + int.Parse(offset[4..6], CultureInfo.InvariantCulture));
        long utcMinutes = (local.Ticks / TimeSpan.TicksPerMinute) - offsetMinutes;
        return $"{utcMinutes}:{local.Second}.{fraction}";
    }

    [GeneratedRegex(@"^(?<date>\d{4}-\d{2}-\d{2})T(?<time>\d{2}:\d{2}:\d{2})(?:\.(?<frac>\d+))?(?<offset>Z|[+-]\d{2}:\d{2})$")]
    private static partial Regex OffsetDateTime();

    [GeneratedRegex(@"^(?<date>\d{4}-\d{2}-\d{2})T(?<time>\d{2}:\d{2}:\d{2})(?:\.(?<frac>\d+))?$")]
    private static partial Regex LocalDateTime();

    [GeneratedRegex(@"^(?<date>\d{4}-\d{2}-\d{2})$")]
    private static partial Regex LocalDate();

    [GeneratedRegex(@"^(?<time>\d{2}:\d{2}:\d{2})(?:\.(?<frac>\d+))?$")]
    private static partial Regex LocalTime();
}
