namespace HpcMaint.Core.Hostlists;

/// <summary>
/// Whether Slurm's natural-order comparison (its <c>strnatcmp</c>) calls two host-name prefixes equal.
/// It skips white space and compares digit runs as numbers, so <c>"a\nb"</c> equals <c>"ab"</c>;
/// without white space it is plain equality.
/// </summary>
internal static class NaturalText
{
    public static bool AreEqual(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        int common = a.CommonPrefixLength(b);
        if (common == a.Length && common == b.Length)
        {
            return true;
        }

        // Past the common start the texts differ; only white space (skipped) or NUL (where C stops
        // reading) after that point can still make them equal.
        if (!HasSpaceOrNul(a[common..]) && !HasSpaceOrNul(b[common..]))
        {
            return false;
        }

        int ai = 0, bi = 0;
        while (true)
        {
            while (CText.IsSpace(At(a, ai)))
            {
                ai++;
            }

            while (CText.IsSpace(At(b, bi)))
            {
                bi++;
            }

            char ca = At(a, ai), cb = At(b, bi);
            if (CText.IsDigit(ca) && CText.IsDigit(cb) && !DigitRun(a, ai).SequenceEqual(DigitRun(b, bi)))
            {
                return false;
            }

            if (ca == '\0' && cb == '\0')
            {
                return true;
            }

            if (ca != cb)
            {
                return false;
            }

            ai++;
            bi++;
        }
    }

    private static bool HasSpaceOrNul(ReadOnlySpan<char> text)
    {
        foreach (char c in text)
        {
            if (c == '\0' || CText.IsSpace(c))
            {
                return true;
            }
        }

        return false;
    }

    // Past the end reads as C's terminating NUL.
    private static char At(ReadOnlySpan<char> text, int index) => index < text.Length ? text[index] : '\0';

    private static ReadOnlySpan<char> DigitRun(ReadOnlySpan<char> text, int start)
    {
        int end = start;
        while (end < text.Length && CText.IsDigit(text[end]))
        {
            end++;
        }

        return text[start..end];
    }
}
