using System.Xml;
using System.Xml.Linq;

namespace HpcMaint.Core.Health.Checks.Gpu;

/// <summary>
/// Reads <c>nvidia-smi -q -x</c>: one &lt;gpu&gt; per device under &lt;nvidia_smi_log&gt;. Element names of drivers
/// 418 to 595 are understood (clocks_throttle_reasons → clocks_event_reasons, double_bit → dram_uncorrectable).
/// </summary>
internal static class NvidiaSmiXml
{
    private static readonly XmlReaderSettings Settings = new()
    {
        // The output names a DTD file that is not installed; nothing in it is needed.
        DtdProcessing = DtdProcessing.Ignore,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreWhitespace = true,
    };

    public static Parsed<NvidiaReport> Parse(string output)
    {
        var lost = NvidiaLostGpuText.Find(output);
        if (output.Contains("No devices were found", StringComparison.Ordinal))
        {
            return Parsed<NvidiaReport>.Ok(new NvidiaReport([], lost));
        }

        var start = output.IndexOf("<?xml", StringComparison.Ordinal);
        if (start < 0)
        {
            start = output.IndexOf("<nvidia_smi_log", StringComparison.Ordinal);
        }

        if (start < 0)
        {
            return lost.Count > 0
                ? Parsed<NvidiaReport>.Ok(new NvidiaReport([], lost))
                : Parsed<NvidiaReport>.Bad("no nvidia_smi_log XML in the output: " + GpuText.FirstLine(output));
        }

        XElement root;
        try
        {
            using var reader = XmlReader.Create(new StringReader(output[start..]), Settings);
            root = XElement.Load(reader);
        }
        catch (XmlException e)
        {
            // Not e.Message: with the executables' UseSystemResourceKeys it is a resource key ("Xml_UnexpectedEOF, 334, 51").
            var where = $"line {e.LineNumber}, column {e.LinePosition}";
            return Parsed<NvidiaReport>.Bad(output.AsSpan().TrimEnd().EndsWith("</nvidia_smi_log>", StringComparison.Ordinal)
                ? $"the nvidia-smi XML is damaged at {where}"
                : $"the nvidia-smi XML ends early ({where}): the output is cut short");
        }

        if (root.Name.LocalName != "nvidia_smi_log")
        {
            return Parsed<NvidiaReport>.Bad($"expected <nvidia_smi_log>, found <{root.Name.LocalName}>");
        }

        var gpus = root.Elements("gpu").Select(Gpu).ToArray();
        return Parsed<NvidiaReport>.Ok(new NvidiaReport(gpus, lost));
    }

    private static NvidiaGpu Gpu(XElement gpu, int index)
    {
        var busId = (string?)gpu.Attribute("id") ?? (string?)gpu.Element("pci")?.Element("pci_bus_id") ?? string.Empty;
        var remaps = gpu.Element("remapped_rows");
        var pendingRetirement = GpuText.Flag((string?)gpu.Element("retired_pages")?.Element("pending_retirement"));
        var remapPending = GpuText.Flag((string?)remaps?.Element("remapped_row_pending"));
        return new NvidiaGpu(
            index,
            busId,
            GpuText.Flag((string?)gpu.Element("persistence_mode")),
            GpuText.Number((string?)gpu.Element("temperature")?.Element("gpu_temp")),
            VolatileUncorrectable(gpu.Element("ecc_errors")?.Element("volatile")),
            remapPending is null && pendingRetirement is null ? null : remapPending == true || pendingRetirement == true,
            GpuText.Flag((string?)remaps?.Element("remapped_row_failure")),
            ActiveReasons(gpu.Element("clocks_event_reasons") ?? gpu.Element("clocks_throttle_reasons")),
            GpuText.Flag((string?)gpu.Element("mig_mode")?.Element("current_mig")));
    }

    private static long? VolatileUncorrectable(XElement? volatileErrors)
    {
        if (volatileErrors is null)
        {
            return null;
        }

        // Drivers before ~450 nest counts: <double_bit><device_memory/>…<total/></double_bit>.
        if (volatileErrors.Element("double_bit") is { } doubleBit)
        {
            return GpuText.Count((string?)doubleBit.Element("total"));
        }

        long? sum = null;
        foreach (var counter in volatileErrors.Elements())
        {
            if (counter.Name.LocalName.Contains("uncorrectable", StringComparison.Ordinal) && GpuText.Count(counter.Value) is { } n)
            {
                sum = (sum ?? 0) + n;
            }
        }

        return sum;
    }

    private static string[] ActiveReasons(XElement? reasons) =>
        reasons is null
            ? []
            : reasons.Elements()
                .Where(r => GpuText.Flag(r.Value) == true)
                .Select(r => NvidiaThrottleReasons.ShortName(r.Name.LocalName))
                .ToArray();
}
