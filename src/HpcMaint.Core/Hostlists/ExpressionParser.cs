namespace HpcMaint.Core.Hostlists;

/// <summary>
/// Reads a hostlist expression token by token into a <see cref="HostRangeBuilder"/>, with Slurm's
/// rules for each token: a plain name, a name with bracket groups, or a name with a '[' that is
/// never closed.
/// </summary>
internal static class ExpressionParser
{
    public static HostlistError? Parse(string expression, HostRangeBuilder into)
    {
        var tokens = new HostlistTokenizer(expression);
        while (tokens.MoveNext())
        {
            var error = ParseToken(expression, tokens.Start, tokens.End, into);
            if (error is not null)
            {
                return error;
            }
        }

        return null;
    }

    private static HostlistError? ParseToken(string expression, int start, int end, HostRangeBuilder into)
    {
        var token = expression.AsSpan(start, end - start);
        int open = token.LastIndexOf('[');
        if (open < 0)
        {
            into.PushName(expression.AsMemory(start, end - start));
            return CheckNameCount(expression, start, into.NameCount);
        }

        int closeOffset = token[(open + 1)..].IndexOf(']');
        if (closeOffset < 0)
        {
            // Slurm closes a '[' that is never closed ("a[1-3" is the one name "a]"); with nothing
            // in front of the '[' it takes what follows as a name.
            into.PushName(open > 0 ? string.Concat(token[..open], "]").AsMemory() : expression.AsMemory(start + 1, end - start - 1));
            return CheckNameCount(expression, start, into.NameCount);
        }

        int close = open + 1 + closeOffset;
        if (close + 1 < token.Length && token[close + 1] != ',')
        {
            return new HostlistError(expression, start + close + 1, HostlistErrorKind.TextAfterBracket,
                $"'{token[(close + 1)..]}' follows the last ']' of '{token}'; Slurm allows nothing there");
        }

        var numbers = new List<NumberRange>();
        var error = RangeListParser.Parse(expression, start + open + 1, start + close, numbers);
        return error ?? BracketedName.Push(expression, start, start + open, numbers, into);
    }

    internal static HostlistError? CheckNameCount(string expression, int position, ulong nameCount) =>
        nameCount <= Hostlist.MaxNames
            ? null
            : new HostlistError(expression, position, HostlistErrorKind.TooManyNames,
                $"the hostlist expands to more than {Hostlist.MaxNames} names");
}
