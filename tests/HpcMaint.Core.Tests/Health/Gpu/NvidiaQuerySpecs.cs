using HpcMaint.Core.Health;
using HpcMaint.Core.Health.Checks.Gpu;
using static HpcMaint.Core.Tests.Health.Gpu.GpuSpecKit;

namespace HpcMaint.Core.Tests.Health.Gpu;

public sealed class NvidiaQuerySpecs
{
    private static readonly string[] Query = ["/usr/bin/nvidia-smi", "--query-gpu=" + NvidiaSmiCsv.DefaultFields, "--format=csv"];

    public static TheoryData<string> RealCsv => Fixtures("nvidia-smi-csv", ".csv");

    [Theory]
    [MemberData(nameof(RealCsv))]
    public void Every_captured_query_parses_one_GPU_per_row(string fixture)
    {
        var text = Fixture(fixture);
        var rows = text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length - 1;

        var parsed = NvidiaSmiCsv.Parse(text);

        Assert.Equal(rows, parsed.Value!.Gpus.Count);
    }

    [Theory]
    [InlineData("nvidia-smi-csv/h100x8_535.161.07_query-gpu.csv", 8)]
    [InlineData("nvidia-smi-csv/h100_590.48.01_query-gpu-allfields_idle.csv", 1)]
    [InlineData("nvidia-smi-csv/h200_590.48.01_query-gpu-allfields_load.csv", 1)]
    [InlineData("nvidia-smi-csv/l40s_595.80_query-gpu-allfields_idle.csv", 1)]
    [InlineData("nvidia-smi-csv/rtx-4080-super_595.71.05_query-gpu-allfields_idle.csv", 1)]
    [InlineData("nvidia-smi-csv/rtx-2080-super_591.86_windows_query-gpu-allfields_idle.csv", 1)]
    public async Task A_healthy_query_passes_with_its_count(string fixture, int count)
    {
        var probe = new FakeHostProbe().WithProgramOutput(Query, Fixture(fixture));

        var verdict = await RunAsync("gpu.nvidia.query", probe, $"count = {count}\nmax_temperature = 85");

        Assert.Equal(CheckStatus.Pass, verdict.Status);
    }

    [Fact]
    public async Task Uncorrectable_counts_fail_from_the_volatile_total()
    {
        var probe = new FakeHostProbe().WithProgramOutput(Query, Fixture("nvidia-smi-csv/h100x1_535.161.07_query-gpu_ECC-EDITED.csv"));

        var verdict = await RunAsync("gpu.nvidia.query", probe);

        Assert.Equal(new Finding("gpu.nvidia.ecc", "14 uncorrectable on GPU 0 (0A:00.0)", "0"), Assert.Single(verdict.Findings));
    }

    [Fact]
    public void Bracketed_and_plain_N_A_cells_carry_no_value()
    {
        var gpu = Assert.Single(NvidiaSmiCsv.Parse(Fixture("nvidia-smi-csv/t4x1_550.54.15_query-gpu_NA_ECC-EDITED.csv")).Value!.Gpus);

        Assert.Equal(26, gpu.Temperature);
        Assert.Equal(5, gpu.VolatileUncorrectable);
        Assert.Null(gpu.Persistence);
    }

    [Fact]
    public void The_default_field_list_reads_every_condition()
    {
        var csv = "count, index, pci.bus_id, mig.mode.current, persistence_mode, temperature.gpu, ecc.errors.uncorrected.volatile.total, remapped_rows.pending, remapped_rows.failure, " +
            "clocks_event_reasons.hw_slowdown, clocks_event_reasons.hw_thermal_slowdown, clocks_event_reasons.hw_power_brake_slowdown, " +
            "clocks_event_reasons.sw_thermal_slowdown, clocks_event_reasons.sw_power_cap, clocks_event_reasons.gpu_idle\n" +
            "1, 3, 00000000:3B:00.0, Disabled, Disabled, 91, 1, Yes, No, Not Active, Active, Not Active, Not Active, Active, Not Active\n";
        Assert.Equal(NvidiaSmiCsv.DefaultFields.Split(','), csv.Split('\n')[0].Split(", "));

        var gpu = Assert.Single(NvidiaSmiCsv.Parse(csv).Value!.Gpus);

        Assert.Equal<(int, string, bool?, double?, long?, bool?, bool?)>((3, "00000000:3B:00.0", false, 91.0, 1L, true, false), (gpu.Index, gpu.BusId, gpu.Persistence, gpu.Temperature, gpu.VolatileUncorrectable, gpu.RemapPending, gpu.RemapFailure));
        Assert.Equal(["hw_thermal_slowdown", "sw_power_cap"], gpu.ActiveThrottleReasons);
    }

    [Theory]
    [InlineData("0, 00000000:3B:00.0, Enabled\n")]
    [InlineData("index, pci.bus_id\n0, 00000000:3B:00.0, extra\n")]
    [InlineData("")]
    public void A_query_without_header_or_with_ragged_rows_is_unreadable(string csv)
    {
        var parsed = NvidiaSmiCsv.Parse(csv);

        Assert.Null(parsed.Value);
        Assert.NotNull(parsed.Problem);
    }
}
