using HpcMaint.Core.Config;

namespace HpcMaint.Core.Health.Checks.Gpu;

/// <summary>What a site expects of its NVIDIA GPUs; the same keys for the XML and the CSV query check.</summary>
/// <param name="Count">Expected number of GPUs; null: at least one.</param>
/// <param name="MaxTemperature">Core temperature limit in °C; null: not checked.</param>
/// <param name="Persistence">Persistence mode must be Enabled.</param>
/// <param name="MaxUncorrectableEcc">Volatile uncorrectable ECC errors allowed per GPU.</param>
/// <param name="RemappedRows">Fail on remapped rows pending (reset needed) or a remapping failure (hardware).</param>
/// <param name="ForbiddenThrottleReasons">Clock event reasons that must not be active (short names, "hw_slowdown").</param>
internal sealed record NvidiaExpectations(
    int? Count,
    double? MaxTemperature,
    bool Persistence,
    long MaxUncorrectableEcc,
    bool RemappedRows,
    IReadOnlyList<string> ForbiddenThrottleReasons)
{
    private static readonly string[] KnownReasons =
    [
        "gpu_idle", "applications_clocks_setting", "sw_power_cap", "hw_slowdown", "hw_thermal_slowdown",
        "hw_power_brake_slowdown", "sync_boost", "sw_thermal_slowdown", "display_clocks_setting",
    ];

    public static NvidiaExpectations Read(ConfigSection section) => new(
        section.OptionalInt("count", 0, 64),
        section.OptionalNumber("max_temperature", 0, 150),
        section.Bool("persistence_mode", false),
        section.Int("max_uncorrectable_ecc", 0, 0, int.MaxValue),
        section.Bool("remapped_rows", true),
        section.StringList("throttle_reasons", NvidiaThrottleReasons.DefaultForbidden, UnknownReason));

    private static string? UnknownReason(IReadOnlyList<string> reasons) =>
        reasons.FirstOrDefault(r => !KnownReasons.Contains(r)) is { } unknown
            ? $"unknown clock event reason \"{unknown}\"; known: {string.Join(", ", KnownReasons)}"
            : null;
}
