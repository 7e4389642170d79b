namespace HpcMaint.Core.Health.Checks.Gpu;

/// <summary>Reads <c>rocminfo</c>: the HSA agents the ROCm runtime can use, each with a "Device Type: CPU|GPU" line.</summary>
internal static class Rocminfo
{
    /// <summary>The number of GPU agents; a problem when the text is not an agent listing.</summary>
    public static (int? GpuAgents, string? Problem) CountGpuAgents(string output)
    {
        var agents = 0;
        var gpus = 0;
        foreach (var raw in new LineSplitter(output))
        {
            var line = raw.Trim();
            if (line.StartsWith("Agent ", StringComparison.Ordinal))
            {
                agents++;
            }
            else if (line.StartsWith("Device Type:", StringComparison.Ordinal) && line[12..].Trim().SequenceEqual("GPU"))
            {
                gpus++;
            }
        }

        return agents == 0 ? (null, "no HSA agents listed: " + GpuText.FirstLine(output)) : (gpus, null);
    }
}
