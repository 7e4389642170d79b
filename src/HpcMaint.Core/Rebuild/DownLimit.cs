using System.Globalization;

namespace HpcMaint.Core.Rebuild;

/// <summary>
/// --max-down-per-switch: at most <see cref="Value"/> nodes of one domain out at once, or
/// <see cref="Value"/> % of its nodes (rounded down, like the partitions' --max-down).
/// </summary>
public sealed record DownLimit(int Value, bool IsPercent)
{
    /// <summary>"2" or "25%" (a space before % allowed); null with the problem otherwise.</summary>
    public static DownLimit? TryParse(string text, out string? problem)
    {
        var trimmed = text.Trim();
        var percent = trimmed.EndsWith('%');
        var number = percent ? trimmed[..^1].TrimEnd() : trimmed;
        problem = null;
        if (!int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < 1 || (percent && value > 100))
        {
            problem = $"'{text}': write a number of nodes (1 or more) or a percentage (1% to 100%)";
            return null;
        }

        return new DownLimit(value, percent);
    }

    /// <summary>The most nodes of a domain of <paramref name="total"/> that may be out.</summary>
    public int Of(int total) => IsPercent ? total * Value / 100 : Math.Min(Value, total);

    /// <summary>"max 1 of 4" or "25 % of 4", for the arithmetic.</summary>
    public string Describe(int total) => IsPercent
        ? string.Create(CultureInfo.InvariantCulture, $"{Value} % of {total}")
        : string.Create(CultureInfo.InvariantCulture, $"max {Value} of {total}");

    /// <summary>As typed back: "1" or "25%".</summary>
    public override string ToString() => Value.ToString(CultureInfo.InvariantCulture) + (IsPercent ? "%" : string.Empty);
}
