namespace HpcMaint.Core.Hostlists;

/// <summary>
/// Reads numbers the way Slurm does (C <c>strtoul</c>, base 10): leading white space and one sign are
/// accepted, a '-' wraps around, and values past 18446744073709551615 are clamped to it.
/// </summary>
internal static class SlurmNumber
{
    /// <summary>Returns how many characters were read; 0 when <paramref name="text"/> does not start with a number.</summary>
    public static int Parse(ReadOnlySpan<char> text, out ulong value)
    {
        int i = 0;
        while (i < text.Length && CText.IsSpace(text[i]))
        {
            i++;
        }

        bool negative = false;
        if (i < text.Length && text[i] is '+' or '-')
        {
            negative = text[i] == '-';
            i++;
        }

        int digitsStart = i;
        ulong magnitude = 0;
        bool overflow = false;
        for (; i < text.Length && CText.IsDigit(text[i]); i++)
        {
            overflow |= !TryAppendDigit(ref magnitude, text[i]);
        }

        if (i == digitsStart)
        {
            value = 0;
            return 0;
        }

        value = overflow ? ulong.MaxValue : negative ? unchecked(0 - magnitude) : magnitude;
        return i;
    }

    /// <summary>The value of a run of ASCII digits, clamped to <see cref="ulong.MaxValue"/>.</summary>
    public static ulong ParseDigits(ReadOnlySpan<char> digits)
    {
        ulong value = 0;
        foreach (char digit in digits)
        {
            if (!TryAppendDigit(ref value, digit))
            {
                return ulong.MaxValue;
            }
        }

        return value;
    }

    private static bool TryAppendDigit(ref ulong value, char digit)
    {
        ulong d = (ulong)(digit - '0');
        if (value > (ulong.MaxValue - d) / 10)
        {
            return false;
        }

        value = (value * 10) + d;
        return true;
    }
}
