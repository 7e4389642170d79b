namespace HpcMaint.Core.Health.Checks.Gpu;

/// <summary>
/// The lines nvidia-smi prints instead of data for a GPU it cannot reach, e.g.
/// "Unable to determine the device handle for GPU0000:3B:00.0: Unknown Error" or "… GPU is lost. Reboot the system…".
/// </summary>
internal static class NvidiaLostGpuText
{
    private const string HandleText = "Unable to determine the device handle for";

    /// <summary>Bus ids (or "unknown GPU") of every GPU the text says is lost, in order, without repeats.</summary>
    public static IReadOnlyList<string> Find(string text)
    {
        List<string>? lost = null;
        foreach (var line in new LineSplitter(text))
        {
            var handle = line.IndexOf(HandleText, StringComparison.OrdinalIgnoreCase);
            if (handle < 0 && line.IndexOf("GPU is lost", StringComparison.OrdinalIgnoreCase) < 0)
            {
                continue;
            }

            var id = handle >= 0 ? BusIdAfter(line[(handle + HandleText.Length)..]) : "unknown GPU";
            lost ??= [];
            if (!lost.Contains(id))
            {
                lost.Add(id);
            }
        }

        return lost ?? (IReadOnlyList<string>)[];
    }

    // " GPU0000:3B:00.0: Unknown Error" → "0000:3B:00.0"
    private static string BusIdAfter(ReadOnlySpan<char> rest)
    {
        rest = rest.TrimStart();
        if (rest.StartsWith("GPU", StringComparison.OrdinalIgnoreCase))
        {
            rest = rest[3..].TrimStart();
        }

        var end = rest.IndexOf(": ");
        var id = (end >= 0 ? rest[..end] : rest).TrimEnd(':').Trim();
        return id.IsEmpty ? "unknown GPU" : id.ToString();
    }
}
