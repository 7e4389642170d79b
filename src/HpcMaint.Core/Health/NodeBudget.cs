using System.Globalization;

namespace HpcMaint.Core.Health;

/// <summary>A number of nodes, written as a count ("2") or a share of a partition ("10%").</summary>
public readonly record struct NodeBudget(int? Count, double? Share)
{
    public static NodeBudget Nodes(int count) => new(count, null);

    public static NodeBudget Percent(double percent) => new(null, percent);

    /// <summary>How many nodes of a partition of <paramref name="partitionSize"/> it allows (a share allows at least one).</summary>
    public int AllowedOf(int partitionSize) =>
        Count ?? Math.Max(1, (int)Math.Floor(Share!.Value * partitionSize / 100.0));

    public static bool TryParse(string text, out NodeBudget budget)
    {
        budget = default;
        var t = text.Trim();
        if (t.EndsWith('%')
            && double.TryParse(t[..^1], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var p)
            && p is > 0 and <= 100)
        {
            budget = Percent(p);
            return true;
        }

        if (int.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 0)
        {
            budget = Nodes(n);
            return true;
        }

        return false;
    }

    public override string ToString() => Count is { } c
        ? c.ToString(CultureInfo.InvariantCulture)
        : Share!.Value.ToString(CultureInfo.InvariantCulture) + "%";
}
