using System.Globalization;

namespace HpcMaint.Core.Config;

/// <summary>Sizes as operators write them: "512MiB", "24GiB", "1.5TB", "4096" (bytes), and back.</summary>
public static class ByteSizeText
{
    public static bool TryParse(string text, out long bytes)
    {
        bytes = 0;
        var span = text.AsSpan().Trim();
        var digits = 0;
        while (digits < span.Length && (char.IsAsciiDigit(span[digits]) || span[digits] == '.'))
        {
            digits++;
        }

        if (digits == 0
            || !double.TryParse(span[..digits], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
        {
            return false;
        }

        double? multiplier = span[digits..].Trim() switch
        {
            "" or "B" => 1,
            "KiB" or "K" => 1L << 10,
            "MiB" or "M" => 1L << 20,
            "GiB" or "G" => 1L << 30,
            "TiB" or "T" => 1L << 40,
            "kB" or "KB" => 1e3,
            "MB" => 1e6,
            "GB" => 1e9,
            "TB" => 1e12,
            _ => null,
        };
        if (multiplier is not { } m || number * m > long.MaxValue)
        {
            return false;
        }

        bytes = (long)Math.Round(number * m);
        return true;
    }

    /// <summary>
    /// Two sizes for "actual vs expected", with as many decimals as it takes to tell them apart:
    /// 12 GiB less 1 MiB against 12 GiB is "11.999GiB" vs "12GiB", not "12GiB" vs "12GiB".
    /// </summary>
    public static (string Actual, string Expected) Contrast(long actual, long expected)
    {
        var (a, e) = (Format(actual), Format(expected));
        for (var decimals = 2; a == e && actual != expected && decimals <= 3; decimals++)
        {
            (a, e) = (Format(actual, decimals), Format(expected, decimals));
        }

        return a == e && actual != expected
            ? (actual.ToString(CultureInfo.InvariantCulture) + "B", expected.ToString(CultureInfo.InvariantCulture) + "B")
            : (a, e);
    }

    /// <summary>A short binary-unit form for reasons and tables: "23.4GiB", "512MiB", "100B".</summary>
    public static string Format(long bytes) => Format(bytes, 1);

    private static string Format(long bytes, int decimals)
    {
        string[] units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"];
        double value = bytes;
        var unit = 0;
        while (Math.Abs(value) >= 1024 && unit < units.Length - 1)
        {
            value /= 1024;
            unit++;
        }

        return (unit == 0 || (value >= 100 && decimals == 1) || value == Math.Floor(value)
            ? Math.Round(value).ToString(CultureInfo.InvariantCulture)
            : value.ToString("0." + new string('#', decimals), CultureInfo.InvariantCulture)) + units[unit];
    }
}
