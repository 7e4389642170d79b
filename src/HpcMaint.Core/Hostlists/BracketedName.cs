using System.Text;

namespace HpcMaint.Core.Hostlists;

/// <summary>
/// A token with bracket groups, e.g. <c>r[1-2]n[01-03]</c>: the names are all combinations, in
/// Slurm's order. The last group varies fastest; of the groups before it, the leftmost varies
/// fastest and the one just before the last group slowest (<c>x[1-2]y[3-4]z[5-6]</c> starts
/// x1y3z5, x1y3z6, x2y3z5, x2y3z6, x1y4z5).
/// </summary>
internal static class BracketedName
{
    /// <summary>Slurm's limit on the values of a group that is followed by another group (MAX_PREFIX_CNT).</summary>
    public const int MaxGroupCount = 64 * 1024;

    /// <param name="prefixStart">Where the token starts.</param>
    /// <param name="prefixEnd">Where the last group's '[' is.</param>
    /// <param name="lastGroup">The numbers of the last group.</param>
    public static HostlistError? Push(
        string expression, int prefixStart, int prefixEnd, List<NumberRange> lastGroup, HostRangeBuilder into)
    {
        var groups = new List<BracketGroup>();
        int end = prefixEnd;
        while (true)
        {
            var head = expression.AsSpan(prefixStart, end - prefixStart);
            int open = head.LastIndexOf('[');
            int close = head.LastIndexOf(']');
            if (open < 0 || close < open)
            {
                break;
            }

            var values = new List<NumberRange>();
            var error = RangeListParser.Parse(expression, prefixStart + open + 1, prefixStart + close, values)
                ?? CheckGroup(expression, prefixStart + open, values);
            if (error is not null)
            {
                return error;
            }

            groups.Add(new BracketGroup(values, expression[(prefixStart + close + 1)..end]));
            end = prefixStart + open;
        }

        groups.Reverse();
        string leading = expression[prefixStart..end];
        var countError = ExpressionParser.CheckNameCount(expression, prefixStart, Add(into.NameCount, CountNames(groups, lastGroup)));
        if (countError is not null)
        {
            return countError;
        }

        if (groups.Count == 0)
        {
            PushAll(leading, lastGroup, into);
            return null;
        }

        var odometer = new GroupOdometer(groups);
        var prefix = new StringBuilder();
        do
        {
            prefix.Clear().Append(leading);
            odometer.AppendCurrent(prefix);
            PushAll(prefix.ToString(), lastGroup, into);
        }
        while (odometer.MoveNext());

        return null;
    }

    private static void PushAll(string prefix, List<NumberRange> numbers, HostRangeBuilder into)
    {
        foreach (var number in numbers)
        {
            into.Push(new HostRange(prefix.AsMemory(), number.Lo, number.Hi, number.Width, IsSingle: false));
        }
    }

    private static HostlistError? CheckGroup(string expression, int open, List<NumberRange> values)
    {
        ulong count = 0;
        foreach (var value in values)
        {
            if (value.Hi == ulong.MaxValue)
            {
                // Slurm counts through such a group forever.
                return new HostlistError(expression, open, HostlistErrorKind.NumberTooLarge,
                    $"a bracket group reaches {ulong.MaxValue}, which Slurm cannot expand");
            }

            count += value.Count;
        }

        return count <= MaxGroupCount
            ? null
            : new HostlistError(expression, open, HostlistErrorKind.BracketGroupTooLarge,
                $"a bracket group followed by another one has more than {MaxGroupCount} values (Slurm's limit)");
    }

    private static ulong CountNames(List<BracketGroup> groups, List<NumberRange> lastGroup)
    {
        ulong total = 0;
        foreach (var number in lastGroup)
        {
            total = Add(total, number.Count);
        }

        foreach (var group in groups)
        {
            ulong groupCount = 0;
            foreach (var value in group.Values)
            {
                groupCount += value.Count;
            }

            total = groupCount != 0 && total > ulong.MaxValue / groupCount ? ulong.MaxValue : total * groupCount;
        }

        return total;
    }

    private static ulong Add(ulong a, ulong b) => a > ulong.MaxValue - b ? ulong.MaxValue : a + b;
}
