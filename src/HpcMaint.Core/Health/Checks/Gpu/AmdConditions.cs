using System.Globalization;
using HpcMaint.Core.Config;

namespace HpcMaint.Core.Health.Checks.Gpu;

/// <summary>Compares rocm-smi's cards and rocminfo's GPU agents with the site's expectations.</summary>
internal static class AmdConditions
{
    public static List<Finding> Evaluate(IReadOnlyList<AmdGpu> gpus, int? gpuAgents, AmdExpectations expect)
    {
        var findings = new List<Finding>();
        if (expect.Count is { } count ? gpus.Count != count : gpus.Count == 0)
        {
            findings.Add(new Finding("gpu.amd.count", $"{gpus.Count} GPUs", expect.Count is { } c ? N(c) : "at least 1", Critical: gpus.Count < (expect.Count ?? 1)));
        }

        if (gpuAgents is { } agents && agents != (expect.Agents ?? gpus.Count))
        {
            findings.Add(new Finding("gpu.amd.agents", $"{N(agents)} GPU agents in rocminfo", N(expect.Agents ?? gpus.Count), Critical: agents < (expect.Agents ?? gpus.Count)));
        }

        foreach (var gpu in gpus)
        {
            if (expect.MaxTemperature is { } max && gpu.Temperature is { } t && t > max)
            {
                findings.Add(new Finding("gpu.amd.temperature", $"{N(t)} C ({gpu.HottestSensor}) on {gpu.Label}", $"at most {N(max)} C"));
            }

            if (expect.MinVram is { } min && gpu.VramTotal is { } total && total < min)
            {
                var (actual, expected) = ByteSizeText.Contrast(total, min);
                findings.Add(new Finding("gpu.amd.vram", $"{actual} VRAM on {gpu.Label}", $"at least {expected}", Remedy: LadderStep.Manual));
            }

            if (gpu.Uncorrectable is { } ecc && ecc > expect.MaxUncorrectable)
            {
                findings.Add(new Finding("gpu.amd.ecc", $"{N(ecc)} uncorrectable on {gpu.Label}", expect.MaxUncorrectable == 0 ? "0" : "at most " + N(expect.MaxUncorrectable)));
            }
        }

        return findings;
    }

    private static string N(double n) => n.ToString(CultureInfo.InvariantCulture);
}
