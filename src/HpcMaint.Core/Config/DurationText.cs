using System.Globalization;

namespace HpcMaint.Core.Config;

/// <summary>Durations as operators write them: "500ms", "20s", "5m", "1h", "1h30m".</summary>
public static class DurationText
{
    public static bool TryParse(string text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        var span = text.AsSpan().Trim();
        if (span.IsEmpty)
        {
            return false;
        }

        while (!span.IsEmpty)
        {
            var digits = 0;
            while (digits < span.Length && (char.IsAsciiDigit(span[digits]) || span[digits] == '.'))
            {
                digits++;
            }

            var unitLength = 0;
            while (digits + unitLength < span.Length && char.IsAsciiLetter(span[digits + unitLength]))
            {
                unitLength++;
            }

            if (digits == 0 || unitLength == 0
                || !double.TryParse(span[..digits], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
            {
                return false;
            }

            TimeSpan? part = span.Slice(digits, unitLength) switch
            {
                "ms" => TimeSpan.FromMilliseconds(number),
                "s" => TimeSpan.FromSeconds(number),
                "m" => TimeSpan.FromMinutes(number),
                "h" => TimeSpan.FromHours(number),
                "d" => TimeSpan.FromDays(number),
                _ => null,
            };
            if (part is null)
            {
                return false;
            }

            duration += part.Value;
            span = span[(digits + unitLength)..];
        }

        return true;
    }

    public static string Format(TimeSpan duration)
    {
        if (duration.TotalMilliseconds < 1000 || duration.Milliseconds != 0)
        {
            return ((long)duration.TotalMilliseconds).ToString(CultureInfo.InvariantCulture) + "ms";
        }

        if (duration.TotalSeconds < 60 || duration.Seconds != 0)
        {
            return ((long)duration.TotalSeconds).ToString(CultureInfo.InvariantCulture) + "s";
        }

        if (duration.TotalMinutes < 60 || duration.Minutes != 0)
        {
            return ((long)duration.TotalMinutes).ToString(CultureInfo.InvariantCulture) + "m";
        }

        return ((long)duration.TotalHours).ToString(CultureInfo.InvariantCulture) + "h";
    }
}
