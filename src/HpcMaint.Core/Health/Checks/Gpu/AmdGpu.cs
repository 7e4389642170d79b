namespace HpcMaint.Core.Health.Checks.Gpu;

/// <summary>What rocm-smi reported for one card; null where this ROCm version or card gave no value.</summary>
/// <param name="Card">rocm-smi's key, "card0".</param>
/// <param name="HottestSensor">The sensor with the highest reading ("edge", "junction", "memory", "HBM 0").</param>
/// <param name="Uncorrectable">Sum of the uncorrectable RAS/ECC counts the output carried.</param>
internal sealed record AmdGpu(
    string Card,
    string BusId,
    string? HottestSensor,
    double? Temperature,
    long? VramTotal,
    long? VramUsed,
    long? Uncorrectable)
{
    public string Label => BusId.Length == 0 ? Card : $"{Card} ({GpuText.ShortBusId(BusId)})";
}
