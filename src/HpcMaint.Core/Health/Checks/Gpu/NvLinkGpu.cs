namespace HpcMaint.Core.Health.Checks.Gpu;

/// <summary>One GPU's links as <c>nvidia-smi nvlink --status</c> prints them ("Link 3: 25 GB/s", "Link 3: &lt;inactive&gt;").</summary>
/// <param name="Gpu">The "GPU n" header's n.</param>
/// <param name="InactiveLinks">Numbers of links without a speed.</param>
/// <param name="Mig">The tool said, under this GPU, that it is in MIG mode (no NVLink query there).</param>
internal sealed record NvLinkGpu(int Gpu, int Links, IReadOnlyList<int> InactiveLinks, bool Mig = false)
{
    public int ActiveLinks => Links - InactiveLinks.Count;
}
