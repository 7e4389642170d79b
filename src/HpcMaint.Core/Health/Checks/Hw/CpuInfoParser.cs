namespace HpcMaint.Core.Health.Checks.Hw;

/// <summary>
/// Counts the topology in /proc/cpuinfo: one "processor" block per thread, sockets by "physical id",
/// cores by distinct (physical id, core id). Architectures whose cpuinfo has no "physical id" (arm64)
/// give null; <see cref="SysfsCpuTopology"/> answers for them.
/// </summary>
internal static class CpuInfoParser
{
    public static CpuTopology? Parse(string cpuinfo)
    {
        var sockets = new HashSet<long>();
        var cores = new HashSet<long>();
        var threads = 0;
        long socket = -1;
        long core = -1;
        foreach (var line in new LineSplitter(cpuinfo))
        {
            if (line.StartsWith("processor", StringComparison.Ordinal))
            {
                Flush();
                threads++;
            }
            else if (line.StartsWith("physical id", StringComparison.Ordinal))
            {
                _ = ProcText.TryLeadingLong(ProcText.ValueAfterColon(line), out socket);
            }
            else if (line.StartsWith("core id", StringComparison.Ordinal))
            {
                _ = ProcText.TryLeadingLong(ProcText.ValueAfterColon(line), out core);
            }
        }

        Flush();
        return threads == 0 || sockets.Count == 0 ? null : new CpuTopology(sockets.Count, cores.Count, threads);

        void Flush()
        {
            if (socket >= 0)
            {
                sockets.Add(socket);
                cores.Add((socket << 32) | (core & 0xFFFF_FFFF));
            }

            (socket, core) = (-1, -1);
        }
    }
}
