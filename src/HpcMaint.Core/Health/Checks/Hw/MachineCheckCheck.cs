using System.Globalization;
using HpcMaint.Core.Config;

namespace HpcMaint.Core.Health.Checks.Hw;

/// <summary>
/// <c>hw.mce</c>: memory errors counted by the kernel's EDAC memory controllers
/// (/sys/devices/system/edac/mc/mcN/{ce_count,ue_count}). An uncorrectable error is a hardware fault:
/// critical, and only a person can fix it.
/// </summary>
internal sealed class MachineCheckCheck(long maxUncorrectable, long? maxCorrectable) : IHealthCheck
{
    public const string Condition = "hw.mce";
    private const string Root = "/sys/devices/system/edac/mc";

    public static CheckKind Kind { get; } = new(
        Condition,
        "EDAC memory-controller error counts at most the allowed (max_uncorrectable = 0, max_correctable)",
        Create);

    public Task<CheckVerdict> RunAsync(IHostProbe probe, CancellationToken cancellationToken)
    {
        var found = new FindingList();
        var controllers = probe.ListDirectory(Root)?
            .Where(n => n.StartsWith("mc", StringComparison.Ordinal) && n.Length > 2 && char.IsAsciiDigit(n[2]))
            .Order(StringComparer.Ordinal)
            .ToArray();
        if (controllers is not { Length: > 0 })
        {
            found.Unreadable(Condition, "no EDAC memory controller (driver not loaded?)");
            return Task.FromResult(found.ToVerdict());
        }

        foreach (var mc in controllers)
        {
            var ue = ProcText.ReadLong(probe, $"{Root}/{mc}/ue_count");
            var ce = ProcText.ReadLong(probe, $"{Root}/{mc}/ce_count");
            if (ue is null || (maxCorrectable is not null && ce is null))
            {
                found.Unreadable(Condition, $"cannot read the error counts of {mc}");
            }

            if (ue > maxUncorrectable)
            {
                found.Fault(Condition, $"{ue} uncorrectable on {mc}", "<= " + maxUncorrectable.ToString(CultureInfo.InvariantCulture), critical: true, LadderStep.Manual);
            }

            if (ce > maxCorrectable)
            {
                found.Fault(Condition, $"{ce} correctable on {mc}", "<= " + maxCorrectable?.ToString(CultureInfo.InvariantCulture), remedy: LadderStep.Manual);
            }
        }

        return Task.FromResult(found.ToVerdict());
    }

    private static MachineCheckCheck Create(ConfigSection section) => new(
        section.Int("max_uncorrectable", 0, 0, int.MaxValue),
        section.OptionalInt("max_correctable", 0, int.MaxValue));
}
