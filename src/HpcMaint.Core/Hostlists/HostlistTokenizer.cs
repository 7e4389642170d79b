namespace HpcMaint.Core.Hostlists;

/// <summary>
/// Splits an expression into tokens at commas, spaces and tabs, except where the separator sits
/// inside a <c>[...]</c> pair (<c>n[1,3],gpu1</c> is two tokens), following Slurm's rules exactly:
/// a '[' with no ']' after it does not protect anything.
/// </summary>
internal ref struct HostlistTokenizer
{
    private readonly ReadOnlySpan<char> text;
    private int position;
    private NextOccurrence openBracket = new('[');
    private NextOccurrence closeBracket = new(']');

    public HostlistTokenizer(ReadOnlySpan<char> text) => this.text = text;

    public int Start { get; private set; }

    public int End { get; private set; }

    public bool MoveNext()
    {
        while (position < text.Length && CText.IsSeparator(text[position]))
        {
            position++;
        }

        if (position == text.Length)
        {
            return false;
        }

        int end = position, scanFrom = position;
        bool extended;
        do
        {
            while (end < text.Length && !CText.IsSeparator(text[end]))
            {
                end++;
            }

            extended = false;
            while (true)
            {
                int open = openBracket.From(text, scanFrom);
                if (open < 0 || open > end)
                {
                    break;
                }

                int close = closeBracket.From(text, scanFrom);
                if (close < 0 || close < open)
                {
                    break;
                }

                if (close < end)
                {
                    scanFrom = close + 1;
                    continue;
                }

                end = close;
                extended = true;
                break;
            }
        }
        while (extended);

        Start = position;
        End = end;
        position = end;
        return true;
    }

    /// <summary>
    /// The first index of a character at or after a position. Positions only grow while tokenizing,
    /// so remembering the last answer keeps the whole pass linear.
    /// </summary>
    private struct NextOccurrence(char character)
    {
        private int searchedFrom = int.MaxValue;
        private int found = -1;

        public int From(ReadOnlySpan<char> text, int from)
        {
            if (from < searchedFrom || (found >= 0 && found < from))
            {
                int relative = text[from..].IndexOf(character);
                found = relative < 0 ? -1 : from + relative;
                searchedFrom = from;
            }

            return found;
        }
    }
}
