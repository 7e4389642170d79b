namespace HpcMaint.Core.Health.Checks.Gpu;

/// <summary>Reads <c>nvidia-smi --query-gpu=… --format=csv</c> into the same GPU facts as the XML form.</summary>
internal static class NvidiaSmiCsv
{
    /// <summary>
    /// The fields the gpu.nvidia.query check asks for by default. <c>count</c> tells an output cut at a line end
    /// from one that lists fewer GPUs; <c>mig.mode.current</c> which GPUs are split into MIG instances.
    /// </summary>
    public const string DefaultFields =
        "count,index,pci.bus_id,mig.mode.current,persistence_mode,temperature.gpu,ecc.errors.uncorrected.volatile.total," +
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

        if (Unfinished(table, lost.Count) is { } problem)
        {
            return Parsed<NvidiaReport>.Bad(problem);
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
                reasonColumns.Where(c => GpuText.Flag(table.Cell(row, c)) == true).Select(NvidiaThrottleReasons.ShortName).ToArray(),
                GpuText.Flag(table.Cell(row, "mig.mode.current")));
        }

        return Parsed<NvidiaReport>.Ok(new NvidiaReport(gpus, lost, table.Has("count")));
    }

    // A header without rows, or fewer rows than the GPUs the tool counts (lost ones aside), is an output cut short,
    // not GPUs gone: nvidia-smi says "No devices were found" or names the lost GPU when it sees fewer.
    private static string? Unfinished(CsvQueryTable table, int lost)
    {
        if (table.Rows.Count == 0)
        {
            return lost > 0 ? null : "the query printed its header but no GPU rows: the output is cut short";
        }

        var counted = GpuText.Count(table.Cell(table.Rows[0], "count"));
        return counted is { } n && table.Rows.Count + lost < n
            ? $"the query lists {table.Rows.Count} of the {n} GPUs it counts: the output is cut short"
            : null;
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
