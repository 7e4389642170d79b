namespace HpcMaint.Core.Health.Checks.Hw;

/// <summary>
/// The topology from /sys/devices/system/cpu/cpuN/topology/{physical_package_id,core_id}: the fallback for
/// architectures whose /proc/cpuinfo does not say (it costs two reads per CPU, so it is not the default).
/// </summary>
internal static class SysfsCpuTopology
{
    private const string Root = "/sys/devices/system/cpu";

    public static CpuTopology? Read(IHostProbe probe)
    {
        if (probe.ListDirectory(Root) is not { } entries)
        {
            return null;
        }

        var sockets = new HashSet<long>();
        var cores = new HashSet<long>();
        var threads = 0;
        foreach (var name in entries)
        {
            if (!IsCpu(name)
                || ProcText.ReadLong(probe, $"{Root}/{name}/topology/physical_package_id") is not { } socket
                || ProcText.ReadLong(probe, $"{Root}/{name}/topology/core_id") is not { } core)
            {
                continue;
            }

            threads++;
            sockets.Add(socket);
            cores.Add((socket << 32) | (core & 0xFFFF_FFFF));
        }

        return threads == 0 ? null : new CpuTopology(sockets.Count, cores.Count, threads);
    }

    private static bool IsCpu(string name) =>
        name.Length > 3 && name.StartsWith("cpu", StringComparison.Ordinal) && name.AsSpan(3).IndexOfAnyExceptInRange('0', '9') < 0;
}
