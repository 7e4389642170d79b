using System.Text;

namespace HpcMaint.Core.Hostlists;

/// <summary>
/// Writes ranges in Slurm's ranged form, <c>n[3,1-2],gpu[008-009,011],login</c>. Neighbouring
/// numbered ranges with the same prefix share one pair of brackets; a single name gets brackets
/// only when it has neighbours to share them with.
/// </summary>
internal sealed class RangedTextWriter : IHostRangeSink
{
    private readonly StringBuilder text = new();
    private HostRange pending;
    private bool hasPending;
    private bool anyWritten;
    private bool sharesWithPrevious;
    private bool inBrackets;

    public void Accept(HostRange range)
    {
        if (hasPending)
        {
            Write(pending, range, hasNext: true);
        }

        pending = range;
        hasPending = true;
    }

    public void Finish()
    {
        if (hasPending)
        {
            Write(pending, default, hasNext: false);
            hasPending = false;
        }
    }

    public override string ToString() => text.ToString();

    // Whether a range opens or closes brackets depends on its neighbours, hence one range of lookahead.
    private void Write(HostRange range, HostRange next, bool hasNext)
    {
        bool sharesWithNext = hasNext && range.SharesBracketsWith(next);
        if (sharesWithPrevious)
        {
            text.Append(',');
        }
        else
        {
            if (anyWritten)
            {
                text.Append(',');
            }

            inBrackets = range.Count > 1 || sharesWithNext;
            text.Append(range.Prefix.Span);
            if (inBrackets)
            {
                text.Append('[');
            }
        }

        AppendNumbers(range);
        if (inBrackets && !sharesWithNext)
        {
            text.Append(']');
        }

        sharesWithPrevious = sharesWithNext;
        anyWritten = true;
    }

    private void AppendNumbers(HostRange range)
    {
        if (range.IsSingle)
        {
            return;
        }

        AppendPadded(range.Lo, range.Width);
        if (range.Lo < range.Hi)
        {
            text.Append('-');
            AppendPadded(range.Hi, range.Width);
        }
    }

    private void AppendPadded(ulong number, int width) =>
        text.Append('0', ZeroPadding.ZerosNeeded(number, width)).Append(number);
}
