using System.Globalization;
using HpcMaint.Core.Config;

namespace HpcMaint.Core.Health.Checks;

/// <summary>
/// A limit written as a share of a total ("3%") or as an amount: a size ("10GiB") where bytes are meant,
/// a plain count ("5000") otherwise (inodes).
/// </summary>
internal readonly record struct Threshold(double Value, bool IsPercent, bool IsSize)
{
    public static bool TryParse(string text, bool sizes, out Threshold threshold)
    {
        threshold = default;
        var span = text.AsSpan().Trim();
        if (span.EndsWith('%'))
        {
            if (!double.TryParse(span[..^1].TrimEnd(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var percent)
                || percent > 100)
            {
                return false;
            }

            threshold = new Threshold(percent, IsPercent: true, sizes);
            return true;
        }

        if (sizes)
        {
            if (!ByteSizeText.TryParse(text, out var bytes))
            {
                return false;
            }

            threshold = new Threshold(bytes, IsPercent: false, IsSize: true);
            return true;
        }

        if (!long.TryParse(span, NumberStyles.None, CultureInfo.InvariantCulture, out var count))
        {
            return false;
        }

        threshold = new Threshold(count, IsPercent: false, IsSize: false);
        return true;
    }

    /// <summary>The limit in absolute terms for a given total.</summary>
    public double Of(long total) => IsPercent ? total * Value / 100 : Value;

    public override string ToString() =>
        IsPercent ? Value.ToString(CultureInfo.InvariantCulture) + "%"
        : IsSize ? ByteSizeText.Format((long)Value)
        : ((long)Value).ToString(CultureInfo.InvariantCulture);
}
