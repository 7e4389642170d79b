namespace HpcMaint.Core.Health.Checks.Gpu;

/// <summary>One nvidia-smi run: the GPUs it could read and the ones it said are lost.</summary>
/// <param name="LostGpus">Bus ids (or "unknown") of GPUs nvidia-smi could not reach: "GPU is lost", "Unable to determine the device handle".</param>
internal sealed record NvidiaReport(IReadOnlyList<NvidiaGpu> Gpus, IReadOnlyList<string> LostGpus);
