using System.Globalization;

namespace HpcMaint.Core.Health.Checks.Gpu;

/// <summary>How GPU tools write values: "41 C", "30 %", "0", "[N/A]", "Requested functionality has been deprecated".</summary>
internal static class GpuText
{
    /// <summary>A cell or element that carries no value (unsupported, deprecated, missing).</summary>
    public static bool IsNoValue(ReadOnlySpan<char> text)
    {
        var t = text.Trim();
        if (t.Length >= 2 && t[0] == '[' && t[^1] == ']')
        {
            t = t[1..^1].Trim();
        }

        return t.IsEmpty
            || t.Equals("N/A", StringComparison.OrdinalIgnoreCase)
            || t.Equals("Not Supported", StringComparison.OrdinalIgnoreCase)
            || t.Equals("Unknown Error", StringComparison.OrdinalIgnoreCase)
            || t.StartsWith("Requested functionality has been deprecated", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The leading number of "41 C", "30 %", "6.41 W" or "12"; null for no value or text.</summary>
    public static double? Number(string? text)
    {
        if (text is null || IsNoValue(text))
        {
            return null;
        }

        var t = text.AsSpan().Trim();
        var end = 0;
        while (end < t.Length && (char.IsAsciiDigit(t[end]) || t[end] is '.' or '-' or '+'))
        {
            end++;
        }

        return double.TryParse(t[..end], NumberStyles.Float, CultureInfo.InvariantCulture, out var n) ? n : null;
    }

    /// <summary>A whole count ("0", "2"); null for no value or anything else.</summary>
    public static long? Count(string? text) =>
        text is not null && long.TryParse(text.AsSpan().Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;

    /// <summary>"Yes"/"Enabled"/"Active" → true, "No"/"Disabled"/"Not Active" → false, otherwise null.</summary>
    public static bool? Flag(string? text)
    {
        var t = text.AsSpan().Trim();
        if (t.Equals("Yes", StringComparison.OrdinalIgnoreCase) || t.Equals("Enabled", StringComparison.OrdinalIgnoreCase) || t.Equals("Active", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return t.Equals("No", StringComparison.OrdinalIgnoreCase) || t.Equals("Disabled", StringComparison.OrdinalIgnoreCase) || t.Equals("Not Active", StringComparison.OrdinalIgnoreCase)
            ? false
            : null;
    }

    /// <summary>"00000000:3B:00.0" → "3B:00.0": the short bus id people read in drain reasons.</summary>
    public static string ShortBusId(string busId)
    {
        var parts = busId.Split(':');
        return parts.Length == 3 ? parts[1] + ":" + parts[2] : busId;
    }

    /// <summary>The first non-empty line of a tool's output, cut short for a finding.</summary>
    public static string FirstLine(string text, int max = 80)
    {
        foreach (var line in new LineSplitter(text))
        {
            var t = line.Trim();
            if (!t.IsEmpty)
            {
                return t.Length > max ? string.Concat(t[..(max - 1)], "…") : t.ToString();
            }
        }

        return "no output";
    }
}
