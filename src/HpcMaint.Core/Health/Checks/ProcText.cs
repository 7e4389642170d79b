using System.Globalization;

namespace HpcMaint.Core.Health.Checks;

/// <summary>Span helpers for the "key: value" and single-value formats of /proc and /sys, without allocating.</summary>
internal static class ProcText
{
    /// <summary>The trimmed text after the first ':' of a line ("physical id\t: 1" → "1"); empty when there is none.</summary>
    public static ReadOnlySpan<char> ValueAfterColon(ReadOnlySpan<char> line)
    {
        var colon = line.IndexOf(':');
        return colon < 0 ? [] : line[(colon + 1)..].Trim();
    }

    /// <summary>The leading whole number of a value ("24684084 kB" → 24684084, "-1" → -1).</summary>
    public static bool TryLeadingLong(ReadOnlySpan<char> value, out long number)
    {
        value = value.TrimStart();
        var end = value.Length > 0 && value[0] == '-' ? 1 : 0;
        while (end < value.Length && char.IsAsciiDigit(value[end]))
        {
            end++;
        }

        return long.TryParse(value[..end], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out number);
    }

    /// <summary>The leading decimal number of a value ("2.5 Gb/sec (1X SDR)" → 2.5).</summary>
    public static bool TryLeadingNumber(ReadOnlySpan<char> value, out double number)
    {
        value = value.TrimStart();
        var end = 0;
        while (end < value.Length && (char.IsAsciiDigit(value[end]) || value[end] == '.'))
        {
            end++;
        }

        return double.TryParse(value[..end], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out number);
    }

    /// <summary>A sysfs file holding one number; null when missing or not a number.</summary>
    public static long? ReadLong(IHostProbe probe, string path) =>
        probe.ReadText(path) is { } text && TryLeadingLong(text, out var n) ? n : null;

    public static string Count(long n, string one, string many) =>
        n.ToString(CultureInfo.InvariantCulture) + " " + (n == 1 ? one : many);

    /// <summary>The first line of a text, trimmed and cut to <paramref name="max"/> characters for a reason.</summary>
    public static string Snippet(string text, int max)
    {
        var line = text.AsSpan().Trim();
        var newline = line.IndexOfAny('\r', '\n');
        if (newline >= 0)
        {
            line = line[..newline].TrimEnd();
        }

        return line.Length <= max ? line.ToString() : string.Concat(line[..(max - 3)], "...");
    }
}
