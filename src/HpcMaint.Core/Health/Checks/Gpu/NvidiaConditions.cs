using System.Globalization;

namespace HpcMaint.Core.Health.Checks.Gpu;

/// <summary>Compares what nvidia-smi reported with what the site expects: one finding per GPU and condition.</summary>
internal static class NvidiaConditions
{
    public static List<Finding> Evaluate(NvidiaReport report, NvidiaExpectations expect)
    {
        var findings = new List<Finding>();
        foreach (var lost in report.LostGpus)
        {
            findings.Add(new Finding("gpu.nvidia.lost", $"GPU {lost} lost", "all GPUs reachable", Critical: true));
        }

        var seen = report.Gpus.Count;
        if (expect.Count is { } count ? seen != count : seen == 0 && report.LostGpus.Count == 0)
        {
            var expected = expect.Count is { } c ? Invariant(c) : "at least 1";
            findings.Add(new Finding("gpu.nvidia.count", $"{seen} GPUs", expected, Critical: report.Complete && seen < (expect.Count ?? 1)));
        }

        foreach (var gpu in report.Gpus)
        {
            Add(findings, gpu, expect);
        }

        return findings;
    }

    private static void Add(List<Finding> findings, NvidiaGpu gpu, NvidiaExpectations expect)
    {
        if (gpu.VolatileUncorrectable is { } ecc && ecc > expect.MaxUncorrectableEcc)
        {
            var expected = expect.MaxUncorrectableEcc == 0 ? "0" : "at most " + Invariant(expect.MaxUncorrectableEcc);
            findings.Add(new Finding("gpu.nvidia.ecc", $"{Invariant(ecc)} uncorrectable on {gpu.Label}", expected));
        }

        if (expect.RemappedRows && gpu.RemapFailure == true)
        {
            findings.Add(new Finding("gpu.nvidia.remap", $"row remapping failed on {gpu.Label}", "no failure", Remedy: LadderStep.Manual));
        }
        else if (expect.RemappedRows && gpu.RemapPending == true)
        {
            // A GPU reset (here: the reboot) activates pending remaps.
            findings.Add(new Finding("gpu.nvidia.remap", $"remap pending on {gpu.Label}", "none pending"));
        }

        if (expect.MaxTemperature is { } max && gpu.Temperature is { } t && t > max)
        {
            findings.Add(new Finding("gpu.nvidia.temperature", $"{Invariant(t)} C on {gpu.Label}", $"at most {Invariant(max)} C"));
        }

        if (expect.Persistence && gpu.Persistence == false)
        {
            findings.Add(new Finding("gpu.nvidia.persistence", $"persistence off on {gpu.Label}", "Enabled"));
        }

        var throttled = gpu.ActiveThrottleReasons.Where(expect.ForbiddenThrottleReasons.Contains).ToArray();
        if (throttled.Length > 0)
        {
            findings.Add(new Finding("gpu.nvidia.throttle", $"{string.Join('+', throttled)} on {gpu.Label}", "no hardware slowdown"));
        }
    }

    private static string Invariant(double n) => n.ToString(CultureInfo.InvariantCulture);

    private static string Invariant(long n) => n.ToString(CultureInfo.InvariantCulture);
}
