namespace HpcMaint.Core.Hostlists;

/// <summary>Zero-padded numbers: a host number is printed with at least <c>width</c> digits.</summary>
internal static class ZeroPadding
{
    // 10^0 .. 10^19: comparing is cheaper than dividing.
    private static readonly ulong[] PowersOfTen = PowersOfTenUpTo19();

    public static int DigitCount(ulong value)
    {
        int count = 1;
        while (count < PowersOfTen.Length && value >= PowersOfTen[count])
        {
            count++;
        }

        return count;
    }

    private static ulong[] PowersOfTenUpTo19()
    {
        var powers = new ulong[20];
        powers[0] = 1;
        for (int i = 1; i < powers.Length; i++)
        {
            powers[i] = powers[i - 1] * 10;
        }

        return powers;
    }

    public static int ZerosNeeded(ulong value, int width) => Math.Max(0, width - DigitCount(value));

    /// <summary>
    /// Slurm's test for joining two numbers printed with different widths into one range: allowed when
    /// one of the two widths leaves the padding of both numbers unchanged. That width is adopted by the
    /// other number (so <c>n9</c> and <c>n10</c> join, <c>n09</c> and <c>n10</c> join, <c>n1</c> and <c>n02</c> do not).
    /// </summary>
    public static bool TryShareWidth(ulong first, ref int firstWidth, ulong second, ref int secondWidth)
    {
        if (firstWidth == secondWidth)
        {
            return true;
        }

        bool firstChanges = ZerosNeeded(first, firstWidth) != ZerosNeeded(first, secondWidth);
        bool secondChanges = ZerosNeeded(second, secondWidth) != ZerosNeeded(second, firstWidth);
        if (firstChanges && secondChanges)
        {
            return false;
        }

        if (firstChanges)
        {
            secondWidth = firstWidth;
        }
        else
        {
            firstWidth = secondWidth;
        }

        return true;
    }
}
