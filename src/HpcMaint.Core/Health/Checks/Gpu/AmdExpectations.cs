using HpcMaint.Core.Config;

namespace HpcMaint.Core.Health.Checks.Gpu;

/// <summary>What a site expects of its AMD GPUs (gpu.amd).</summary>
/// <param name="Count">Expected number of cards; null: at least one.</param>
/// <param name="Agents">Expected GPU agents in rocminfo; null: as many as rocm-smi's cards.</param>
/// <param name="MaxTemperature">Limit in °C for the hottest sensor of each card.</param>
/// <param name="MinVram">Least VRAM each card must report (a shrinking total means retired memory).</param>
internal sealed record AmdExpectations(int? Count, int? Agents, double? MaxTemperature, long? MinVram, long MaxUncorrectable)
{
    public static AmdExpectations Read(ConfigSection section) => new(
        section.OptionalInt("count", 0, 64),
        section.OptionalInt("agents", 0, 512),
        section.OptionalNumber("max_temperature", 0, 150),
        section.OptionalByteSize("min_vram"),
        section.Int("max_uncorrectable_ecc", 0, 0, int.MaxValue));
}
