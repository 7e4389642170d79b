using HpcMaint.Core.Config;

namespace HpcMaint.Core.Health.Checks.Hw;

/// <summary>
/// <c>hw.memory</c>: physical memory and swap within a tolerance of what the node should have (a DIMM lost
/// at boot, swap not activated), and optionally enough memory still available.
/// </summary>
internal sealed class MemoryCheck(long? physical, long? swap, Threshold tolerance, Threshold? minFree) : IHealthCheck
{
    public const string Condition = "hw.memory";
    public const string SwapCondition = "hw.swap";
    public const string FreeCondition = "hw.memory.free";

    public static CheckKind Kind { get; } = new(
        Condition,
        "physical memory and swap within a tolerance of the expected sizes, optionally a minimum available (physical, swap, tolerance, min_free)",
        Create);

    public Task<CheckVerdict> RunAsync(IHostProbe probe, CancellationToken cancellationToken)
    {
        var found = new FindingList();
        if (probe.ReadText("/proc/meminfo") is not { } text || MemInfo.Parse(text) is not { } memory)
        {
            found.Unreadable(Condition, "cannot read MemTotal from /proc/meminfo");
            return Task.FromResult(found.ToVerdict());
        }

        Within(found, Condition, "RAM", memory.TotalBytes, physical);
        Within(found, SwapCondition, "swap", memory.SwapTotalBytes, swap);
        if (minFree is { } min && memory.AvailableBytes < min.Of(memory.TotalBytes))
        {
            found.Fault(FreeCondition, ByteSizeText.Format(memory.AvailableBytes) + " available", ">= " + min);
        }

        return Task.FromResult(found.ToVerdict());
    }

    private void Within(FindingList found, string condition, string what, long actual, long? expected)
    {
        if (expected is { } e && Math.Abs(actual - e) > tolerance.Of(e))
        {
            found.Fault(condition, $"{ByteSizeText.Format(actual)} {what}", $"{ByteSizeText.Format(e)} within {tolerance}");
        }
    }

    private static IHealthCheck Create(ConfigSection section)
    {
        var physical = section.OptionalByteSize("physical");
        var swap = section.OptionalByteSize("swap");
        var tolerance = CheckSettings.Threshold(section, "tolerance", sizes: true) ?? new Threshold(5, IsPercent: true, IsSize: true);
        var minFree = CheckSettings.Threshold(section, "min_free", sizes: true);
        return physical is null && swap is null && minFree is null
            ? MisconfiguredCheck.Report(section, "physical", "nothing to compare: write physical = \"256GiB\", swap = \"8GiB\" or min_free = \"5%\"")
            : new MemoryCheck(physical, swap, tolerance, minFree);
    }
}
