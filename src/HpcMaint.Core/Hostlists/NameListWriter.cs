using System.Globalization;

namespace HpcMaint.Core.Hostlists;

/// <summary>Writes out every name of each range, as <c>scontrol show hostnames</c> lists them.</summary>
internal sealed class NameListWriter : IHostRangeSink
{
    // Room for a prefix and the 20 digits of the largest number, grown for longer prefixes or widths.
    private char[] buffer = new char[64];

    public List<string> Names { get; } = [];

    /// <summary>
    /// A range reached 18446744073709551615 past its first name. Slurm retires such a range early
    /// and then crashes, so there is no list to match.
    /// </summary>
    public bool ReachedLargestNumber { get; private set; }

    public void Accept(HostRange range)
    {
        if (range.IsSingle)
        {
            Names.Add(range.Prefix.ToString());
            return;
        }

        // Slurm prints each name into a buffer of prefix + width + 16 bytes, so a number far longer
        // than its width (possible only after widths were shared) is cut short.
        int limit = range.Prefix.Length + range.Width + 15;
        int length = Format(range.Prefix.Span, range.Lo, range.Width);
        ulong emitted = 0, number = range.Lo;
        while (true)
        {
            Names.Add(new string(buffer, 0, Math.Min(length, limit)));
            emitted++;
            number = unchecked(number + 1);

            // Slurm counts up from Lo and retires the range once it passes Hi or Hi is the largest number.
            if (range.Hi < number || range.Hi == ulong.MaxValue)
            {
                break;
            }

            if (number == 0 || !TryIncrementDigits(range.Prefix.Length, length))
            {
                length = Format(range.Prefix.Span, number, range.Width);
            }
        }

        ReachedLargestNumber |= emitted != range.Count;
    }

    public void Finish()
    {
    }

    /// <summary>Writes prefix and zero-padded number into the buffer; returns the length.</summary>
    private int Format(ReadOnlySpan<char> prefix, ulong number, int width)
    {
        int digits = ZeroPadding.DigitCount(number);
        int zeros = Math.Max(0, width - digits);
        int length = prefix.Length + zeros + digits;
        if (buffer.Length < length)
        {
            buffer = new char[length];
        }

        prefix.CopyTo(buffer);
        buffer.AsSpan(prefix.Length, zeros).Fill('0');
        number.TryFormat(buffer.AsSpan(prefix.Length + zeros, digits), out _, default, CultureInfo.InvariantCulture);
        return length;
    }

    /// <summary>Adds one to the decimal digits after the prefix; false when a carry needs one more digit.</summary>
    private bool TryIncrementDigits(int digitsStart, int length)
    {
        for (int i = length - 1; i >= digitsStart; i--)
        {
            if (buffer[i] != '9')
            {
                buffer[i]++;
                return true;
            }

            buffer[i] = '0';
        }

        return false;
    }
}
