namespace HpcMaint.Core.Health.Checks.Gpu;

/// <summary>One nvidia-smi run: the GPUs it could read and the ones it said are lost.</summary>
/// <param name="LostGpus">Bus ids (or "unknown") of GPUs nvidia-smi could not reach: "GPU is lost", "Unable to determine the device handle".</param>
/// <param name="Complete">
/// The tool itself vouched that <see cref="Gpus"/> is every GPU it sees: a whole XML document, "No devices were found",
/// or a CSV query whose <c>count</c> column matches its rows. Only then are fewer GPUs than expected a lost GPU at once;
/// a CSV without <c>count</c> cut at a line end looks the same as one listing fewer GPUs.
/// </param>
internal sealed record NvidiaReport(IReadOnlyList<NvidiaGpu> Gpus, IReadOnlyList<string> LostGpus, bool Complete = true);
