namespace HpcMaint.Core.Health.Checks.Hw;

/// <summary>The /proc/meminfo lines the memory check needs, in bytes.</summary>
internal sealed record MemInfo(long TotalBytes, long AvailableBytes, long SwapTotalBytes)
{
    /// <summary>Reads MemTotal, MemAvailable (MemFree on kernels before 3.14) and SwapTotal; null without MemTotal.</summary>
    public static MemInfo? Parse(string meminfo)
    {
        long total = -1, available = -1, free = -1, swap = 0;
        foreach (var line in new LineSplitter(meminfo))
        {
            if (line.StartsWith("MemTotal:", StringComparison.Ordinal))
            {
                total = Kilobytes(line);
            }
            else if (line.StartsWith("MemAvailable:", StringComparison.Ordinal))
            {
                available = Kilobytes(line);
            }
            else if (line.StartsWith("MemFree:", StringComparison.Ordinal))
            {
                free = Kilobytes(line);
            }
            else if (line.StartsWith("SwapTotal:", StringComparison.Ordinal))
            {
                swap = Math.Max(0, Kilobytes(line));
            }
        }

        return total < 0 ? null : new MemInfo(total, available >= 0 ? available : Math.Max(0, free), swap);
    }

    // The kernel writes every size line as "<n> kB", meaning KiB.
    private static long Kilobytes(ReadOnlySpan<char> line) =>
        ProcText.TryLeadingLong(ProcText.ValueAfterColon(line), out var kib) ? kib * 1024 : -1;
}
