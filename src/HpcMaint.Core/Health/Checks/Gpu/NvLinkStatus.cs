namespace HpcMaint.Core.Health.Checks.Gpu;

/// <summary>Reads <c>nvidia-smi nvlink --status</c>: a "GPU n: name (UUID: …)" header, then one "Link k: …" line per link.</summary>
internal static class NvLinkStatus
{
    public static Parsed<IReadOnlyList<NvLinkGpu>> Parse(string output)
    {
        var gpus = new List<NvLinkGpu>();
        int? gpu = null;
        var links = 0;
        var inactive = new List<int>();
        foreach (var raw in new LineSplitter(output))
        {
            var line = raw.Trim();
            if (line.StartsWith("GPU ", StringComparison.Ordinal))
            {
                Flush();
                var colon = line.IndexOf(':');
                if (colon < 0 || !int.TryParse(line[4..colon], out var index))
                {
                    return Parsed<IReadOnlyList<NvLinkGpu>>.Bad("unreadable GPU line: " + GpuText.FirstLine(line.ToString()));
                }

                gpu = index;
            }
            else if (line.StartsWith("Link ", StringComparison.Ordinal) && gpu is not null)
            {
                var colon = line.IndexOf(':');
                if (colon < 0 || !int.TryParse(line[5..colon], out var link))
                {
                    return Parsed<IReadOnlyList<NvLinkGpu>>.Bad("unreadable link line: " + GpuText.FirstLine(line.ToString()));
                }

                links++;
                if (GpuText.Number(line[(colon + 1)..].ToString()) is not > 0 || !line.EndsWith("GB/s", StringComparison.Ordinal))
                {
                    inactive.Add(link);
                }
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
                gpus.Add(new NvLinkGpu(g, links, inactive.ToArray()));
            }

            links = 0;
            inactive.Clear();
        }
    }

    /// <summary>A finding per GPU with inactive links, or with no links at all ("Device does not have or support Nvlink").</summary>
    public static List<Finding> Evaluate(IReadOnlyList<NvLinkGpu> gpus)
    {
        var findings = new List<Finding>();
        foreach (var gpu in gpus)
        {
            if (gpu.Links == 0)
            {
                findings.Add(new Finding("gpu.nvidia.nvlink", $"no NVLink on GPU {gpu.Gpu}", "all links active"));
            }
            else if (gpu.InactiveLinks.Count > 0)
            {
                var which = string.Join(',', gpu.InactiveLinks.Take(6)) + (gpu.InactiveLinks.Count > 6 ? ",…" : string.Empty);
                findings.Add(new Finding("gpu.nvidia.nvlink", $"link {which} inactive on GPU {gpu.Gpu}", "all links active"));
            }
        }

        return findings;
    }
}
