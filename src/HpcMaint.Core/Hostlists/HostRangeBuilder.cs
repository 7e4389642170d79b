namespace HpcMaint.Core.Hostlists;

/// <summary>
/// Builds host ranges the way Slurm builds a host list: a range that continues the last one (same
/// prefix, next number, compatible zero padding) extends it, anything else starts a new range.
/// Nothing is sorted or de-duplicated, so order and duplicates survive. Finished ranges go
/// straight to a sink, so a list of any length needs no more memory than its output.
/// </summary>
internal sealed class HostRangeBuilder(IHostRangeSink sink)
{
    private HostRange last;
    private bool hasLast;

    /// <summary>How many names have been pushed (saturating).</summary>
    public ulong NameCount { get; private set; }

    public void Push(HostRange range)
    {
        AddToCount(range.Count);
        if (!TryExtendLast(range.Prefix.Span, range.IsSingle, range.Lo, range.Hi, range.Width))
        {
            StartNew(range);
        }
    }

    /// <summary>Adds one host name; its trailing digits, if any, are its number.</summary>
    public void PushName(ReadOnlyMemory<char> name)
    {
        var text = name.Span;
        int numberStart = text.Length;
        while (numberStart > 0 && CText.IsDigit(text[numberStart - 1]))
        {
            numberStart--;
        }

        if (numberStart == text.Length)
        {
            Push(HostRange.Single(name));
            return;
        }

        AddToCount(1);
        ulong number = SlurmNumber.ParseDigits(text[numberStart..]);
        int width = text.Length - numberStart;
        if (!TryExtendLast(text[..numberStart], isSingle: false, number, number, width))
        {
            StartNew(new HostRange(name[..numberStart], number, number, width, IsSingle: false));
        }
    }

    public void Finish()
    {
        if (hasLast)
        {
            sink.Accept(last);
            hasLast = false;
        }

        sink.Finish();
    }

    private void StartNew(HostRange range)
    {
        if (hasLast)
        {
            sink.Accept(last);
        }

        last = range;
        hasLast = true;
    }

    private bool TryExtendLast(ReadOnlySpan<char> prefix, bool isSingle, ulong lo, ulong hi, int width)
    {
        if (!hasLast || last.Hi != unchecked(lo - 1) || last.IsSingle != isSingle || !NaturalText.AreEqual(last.Prefix.Span, prefix))
        {
            return false;
        }

        int lastWidth = last.Width;
        if (!ZeroPadding.TryShareWidth(last.Lo, ref lastWidth, lo, ref width))
        {
            return false;
        }

        last = last with { Hi = hi, Width = lastWidth };
        return true;
    }

    private void AddToCount(ulong count) =>
        NameCount = NameCount > ulong.MaxValue - count ? ulong.MaxValue : NameCount + count;
}
