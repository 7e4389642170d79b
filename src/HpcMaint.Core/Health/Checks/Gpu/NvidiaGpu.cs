namespace HpcMaint.Core.Health.Checks.Gpu;

/// <summary>
/// What nvidia-smi reported for one GPU, whichever form it was read from (XML or CSV query).
/// Null means the tool gave no value (unsupported on this GPU, or not asked for).
/// </summary>
/// <param name="Index">Position in nvidia-smi's listing (its GPU index).</param>
/// <param name="BusId">PCI bus id as printed, e.g. "00000000:3B:00.0"; empty when not reported.</param>
/// <param name="VolatileUncorrectable">Uncorrectable ECC errors since the driver loaded.</param>
/// <param name="ActiveThrottleReasons">Active clock event (throttle) reasons, short names such as "hw_slowdown".</param>
/// <param name="Mig">MIG mode is on (current, not pending): the GPU is split into instances and NVLink queries do not apply.</param>
internal sealed record NvidiaGpu(
    int Index,
    string BusId,
    bool? Persistence,
    double? Temperature,
    long? VolatileUncorrectable,
    bool? RemapPending,
    bool? RemapFailure,
    IReadOnlyList<string> ActiveThrottleReasons,
    bool? Mig = null)
{
    /// <summary>"GPU 1 (C1:00.0)": how a person finds it on the node.</summary>
    public string Label => BusId.Length == 0 ? $"GPU {Index}" : $"GPU {Index} ({GpuText.ShortBusId(BusId)})";
}
