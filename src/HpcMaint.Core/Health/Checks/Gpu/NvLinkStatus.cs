using System.Globalization;

namespace HpcMaint.Core.Health.Checks.Gpu;

/// <summary>
/// Reads <c>nvidia-smi nvlink --status</c>: a "GPU n: name (UUID: …)" header, then one "Link k: …" line per link,
/// or a line saying why there are none ("Device does not have or support Nvlink", or that the GPU is in MIG mode).
/// </summary>
internal static class NvLinkStatus
{
    private const string Condition = "gpu.nvidia.nvlink";

    public static Parsed<IReadOnlyList<NvLinkGpu>> Parse(string output)
    {
        var gpus = new List<NvLinkGpu>();
        int? gpu = null;
        var links = 0;
        var mig = false;
        var inactive = new List<int>();
        foreach (var raw in new LineSplitter(output))
        {
            var line = raw.Trim();
            if (line.StartsWith("GPU ", StringComparison.Ordinal))
            {
                Flush();
                var colon = line.IndexOf(':');
                if (colon < 0 || !int.TryParse(line[4..colon], NumberStyles.None, CultureInfo.InvariantCulture, out var index))
                {
                    return Parsed<IReadOnlyList<NvLinkGpu>>.Bad("unreadable GPU line: " + GpuText.FirstLine(line.ToString()));
                }

                gpu = index;
            }
            else if (line.StartsWith("Link ", StringComparison.Ordinal) && gpu is not null)
            {
                var colon = line.IndexOf(':');
                if (colon < 0 || !int.TryParse(line[5..colon], NumberStyles.None, CultureInfo.InvariantCulture, out var link))
                {
                    return Parsed<IReadOnlyList<NvLinkGpu>>.Bad("unreadable link line: " + GpuText.FirstLine(line.ToString()));
                }

                links++;
                if (GpuText.Number(line[(colon + 1)..].ToString()) is not > 0 || !line.EndsWith("GB/s", StringComparison.Ordinal))
                {
                    inactive.Add(link);
                }
            }
            else if (gpu is not null && line.Contains("MIG", StringComparison.Ordinal))
            {
                mig = true;
            }
        }

        Flush();
        return gpus.Count == 0
            ? Parsed<IReadOnlyList<NvLinkGpu>>.Bad("no GPU listed in the NVLink status")
            : Parsed<IReadOnlyList<NvLinkGpu>>.Ok(gpus);

        void Flush()
        {
            if (gpu is { } g)
            {
                gpus.Add(new NvLinkGpu(g, links, inactive.ToArray(), mig));
            }

            links = 0;
            mig = false;
            inactive.Clear();
        }
    }

    /// <summary>
    /// A finding per GPU with inactive links, fewer active links than expected, or no links at all; MIG-mode GPUs
    /// only when the site asks (nvlink_on_mig = "check"). <paramref name="problem"/> says when the status leaves
    /// out GPUs that nvidia-smi reported: an output cut short is not a healthy fabric.
    /// </summary>
    public static List<Finding> Evaluate(IReadOnlyList<NvLinkGpu> listed, NvidiaReport report, NvLinkExpectations expect, out string? problem)
    {
        var missing = report.Gpus
            .Where(g => (expect.CheckMig || g.Mig != true) && !listed.Any(l => l.Gpu == g.Index))
            .Select(g => N(g.Index))
            .ToArray();
        problem = missing.Length > 0
            ? $"the NVLink status leaves out GPU {string.Join(',', missing.Take(8))} of the {N(report.Gpus.Count)} nvidia-smi reports: the output is cut short"
            : null;
        var expected = expect.Links is { } n ? N(n) + " active links" : "all links active";
        var findings = new List<Finding>();
        foreach (var gpu in listed)
        {
            var mig = gpu.Mig || report.Gpus.Any(g => g.Index == gpu.Gpu && g.Mig == true);
            if (mig && !expect.CheckMig)
            {
                continue;
            }

            var where = $"GPU {N(gpu.Gpu)}" + (mig ? " (MIG mode)" : string.Empty);
            if (gpu.Links == 0)
            {
                findings.Add(new Finding(Condition, "no NVLink on " + where, expected));
            }
            else if (gpu.InactiveLinks.Count > 0)
            {
                var which = string.Join(',', gpu.InactiveLinks.Take(6)) + (gpu.InactiveLinks.Count > 6 ? ",…" : string.Empty);
                findings.Add(new Finding(Condition, $"link {which} inactive on {where}", expected));
            }
            else if (gpu.ActiveLinks < expect.Links)
            {
                findings.Add(new Finding(Condition, $"{N(gpu.ActiveLinks)} links active on {where}", expected));
            }
        }

        return findings;
    }

    private static string N(int n) => n.ToString(CultureInfo.InvariantCulture);
}
