namespace HpcMaint.Core.Hostlists;

/// <summary>
/// Reads the inside of a bracket group, e.g. <c>001-004,7</c>, as Slurm does. The width of an
/// element is the length of the text before its '-' (so <c>[01-10]</c> pads to 2 and <c>[1-010]</c>
/// does not pad at all).
/// </summary>
internal static class RangeListParser
{
    /// <summary>Slurm's limit on the numbers in one range (MAX_RANGE).</summary>
    public const int MaxRangeCount = 64 * 1024;

    /// <summary>Parses <c>expression[start..end)</c>; offsets in errors are offsets into <paramref name="expression"/>.</summary>
    public static HostlistError? Parse(string expression, int start, int end, List<NumberRange> into)
    {
        int elementStart = start;
        while (true)
        {
            int comma = expression.AsSpan(elementStart, end - elementStart).IndexOf(',');
            int elementEnd = comma < 0 ? end : elementStart + comma;
            var error = ParseElement(expression, elementStart, elementEnd, out var range);
            if (error is not null)
            {
                return error;
            }

            into.Add(range);
            if (comma < 0)
            {
                return null;
            }

            elementStart = elementEnd + 1;
        }
    }

    private static HostlistError? ParseElement(string expression, int start, int end, out NumberRange range)
    {
        range = default;
        var element = expression.AsSpan(start, end - start);
        if (element.IsEmpty)
        {
            return Invalid(expression, start, "empty range between brackets or commas");
        }

        if (element.Contains('x'))
        {
            return Invalid(expression, start, $"{Quote(expression, start, end)} is not a number or a lo-hi range");
        }

        int dash = element.IndexOf('-');
        var low = dash < 0 ? element : element[..dash];
        var high = dash < 0 ? ReadOnlySpan<char>.Empty : element[(dash + 1)..];
        if (high.StartsWith('-'))
        {
            return Invalid(expression, start, $"{Quote(expression, start, end)} has a negative number");
        }

        int lowRead = SlurmNumber.Parse(low, out ulong lo);
        if (lowRead == 0)
        {
            return Invalid(expression, start, $"{Quote(expression, start, end)} does not start with a number");
        }

        ulong hi = lo;
        if (!high.IsEmpty)
        {
            // As in Slurm, only the end of the range must be a clean number: "1y-2" reads as 1-2.
            if (SlurmNumber.Parse(high, out hi) != high.Length)
            {
                return Invalid(expression, start, $"{Quote(expression, start, end)} does not end with a number");
            }
        }
        else if (lowRead != low.Length)
        {
            return Invalid(expression, start, $"{Quote(expression, start, end)} is not a number or a lo-hi range");
        }

        if (lo > hi)
        {
            return Invalid(expression, start, $"range {Quote(expression, start, end)} runs backwards (its start is above its end)");
        }

        if (hi - lo >= MaxRangeCount)
        {
            return new HostlistError(expression, start, HostlistErrorKind.RangeTooLarge,
                $"range {Quote(expression, start, end)} has more than {MaxRangeCount} numbers (Slurm's limit for one range)");
        }

        range = new NumberRange(lo, hi, low.Length);
        return null;
    }

    private static string Quote(string expression, int start, int end) => $"'{expression.AsSpan(start, end - start)}'";

    private static HostlistError Invalid(string expression, int position, string detail) =>
        new(expression, position, HostlistErrorKind.InvalidRange, detail);
}
