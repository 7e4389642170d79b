namespace HpcMaint.Core.Health.Checks.Gpu;

/// <summary>Reads <c>nvidia-smi --query-gpu=… --format=csv</c> into the same GPU facts as the XML form.</summary>
internal static class NvidiaSmiCsv
{
    /// <summary>The fields the gpu.nvidia.query check asks for by default.</summary>
    public const string DefaultFields =
        "index,pci.bus_id,persistence_mode,temperature.gpu,ecc.errors.uncorrected.volatile.total," +
        "remapped_rows.pending,remapped_rows.failure,clocks_event_reasons.hw_slowdown," +
        "clocks_event_reasons.hw_thermal_slowdown,clocks_event_reasons.hw_power_brake_slowdown," +
        "clocks_event_reasons.sw_thermal_slowdown,clocks_event_reasons.sw_power_cap,clocks_event_reasons.gpu_idle";

    public static Parsed<NvidiaReport> Parse(string output)
    {
        var lost = NvidiaLostGpuText.Find(output);
        if (output.Contains("No devices were found", StringComparison.Ordinal))
        {
            return Parsed<NvidiaReport>.Ok(new NvidiaReport([], lost));
        }

        var parsed = CsvQueryTable.Parse(output, line => lost.Count > 0 && NvidiaLostGpuText.Find(line).Count > 0);
        if (parsed.Value is not { } table)
        {
            return lost.Count > 0 ? Parsed<NvidiaReport>.Ok(new NvidiaReport([], lost)) : Parsed<NvidiaReport>.Bad(parsed.Problem!);
        }

        var reasonColumns = table.Columns
            .Where(c => c.StartsWith("clocks_event_reasons.", StringComparison.Ordinal) || c.StartsWith("clocks_throttle_reasons.", StringComparison.Ordinal))
            .Where(c => NvidiaThrottleReasons.ShortName(c) is not ("supported" or "active"))
            .ToArray();
        var gpus = new NvidiaGpu[table.Rows.Count];
        for (var i = 0; i < gpus.Length; i++)
        {
            var row = table.Rows[i];
            gpus[i] = new NvidiaGpu(
                GpuText.Count(table.Cell(row, "index")) is { } index ? (int)index : i,
                table.Cell(row, "pci.bus_id") ?? string.Empty,
                GpuText.Flag(table.Cell(row, "persistence_mode")),
                GpuText.Number(table.Cell(row, "temperature.gpu")),
                Uncorrectable(table, row),
                Pending(table, row),
                GpuText.Flag(table.Cell(row, "remapped_rows.failure")),
                reasonColumns.Where(c => GpuText.Flag(table.Cell(row, c)) == true).Select(NvidiaThrottleReasons.ShortName).ToArray());
        }

        return Parsed<NvidiaReport>.Ok(new NvidiaReport(gpus, lost));
    }

    private static long? Uncorrectable(CsvQueryTable table, string[] row)
    {
        if (table.Has("ecc.errors.uncorrected.volatile.total"))
        {
            return GpuText.Count(table.Cell(row, "ecc.errors.uncorrected.volatile.total"));
        }

        // Without the total: DRAM (older drivers: device_memory) plus SRAM.
        var dram = GpuText.Count(table.Cell(row, "ecc.errors.uncorrected.volatile.dram"))
            ?? GpuText.Count(table.Cell(row, "ecc.errors.uncorrected.volatile.device_memory"));
        var sram = GpuText.Count(table.Cell(row, "ecc.errors.uncorrected.volatile.sram"));
        return dram is null && sram is null ? null : (dram ?? 0) + (sram ?? 0);
    }

    private static bool? Pending(CsvQueryTable table, string[] row)
    {
        var remap = GpuText.Flag(table.Cell(row, "remapped_rows.pending"));
        var retire = GpuText.Flag(table.Cell(row, "retired_pages.pending"));
        return remap is null && retire is null ? null : remap == true || retire == true;
    }
}
