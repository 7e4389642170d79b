using HpcMaint.Core.Config;

namespace HpcMaint.Core.Health.Checks.Hw;

/// <summary><c>hw.cpu</c>: the node has exactly the sockets, cores and threads it was bought with (a CPU or
/// SMT that went missing after a firmware change or a failed socket).</summary>
internal sealed class CpuCheck(int? sockets, int? cores, int? coresPerSocket, int? threads) : IHealthCheck
{
    public const string Condition = "hw.cpu";

    public static CheckKind Kind { get; } = new(
        Condition,
        "CPU sockets, cores (in all or per socket) and threads as expected (sockets, cores, cores_per_socket, threads)",
        Create);

    public Task<CheckVerdict> RunAsync(IHostProbe probe, CancellationToken cancellationToken)
    {
        var found = new FindingList();
        var topology = probe.ReadText("/proc/cpuinfo") is { } cpuinfo ? CpuInfoParser.Parse(cpuinfo) : null;
        topology ??= SysfsCpuTopology.Read(probe);
        if (topology is null)
        {
            found.Unreadable(Condition, "cannot read the CPU topology");
            return Task.FromResult(found.ToVerdict());
        }

        Compare(found, topology.Sockets, sockets, "socket", "sockets");
        Compare(found, topology.Cores, cores, "core", "cores");
        Compare(found, topology.Sockets == 0 ? 0 : topology.Cores / topology.Sockets, coresPerSocket, "core per socket", "cores per socket");
        Compare(found, topology.Threads, threads, "thread", "threads");
        return Task.FromResult(found.ToVerdict());
    }

    private static void Compare(FindingList found, int actual, int? expected, string one, string many)
    {
        if (expected is { } e && actual != e)
        {
            found.Fault(Condition, ProcText.Count(actual, one, many), ProcText.Count(e, one, many));
        }
    }

    private static IHealthCheck Create(ConfigSection section)
    {
        var sockets = section.OptionalInt("sockets", 1, 1024);
        var cores = section.OptionalInt("cores", 1, 1 << 20);
        var coresPerSocket = section.OptionalInt("cores_per_socket", 1, 1 << 16);
        var threads = section.OptionalInt("threads", 1, 1 << 20);
        return sockets is null && cores is null && coresPerSocket is null && threads is null
            ? MisconfiguredCheck.Report(section, "sockets", "nothing to compare: write sockets, cores, cores_per_socket or threads")
            : new CpuCheck(sockets, cores, coresPerSocket, threads);
    }
}
