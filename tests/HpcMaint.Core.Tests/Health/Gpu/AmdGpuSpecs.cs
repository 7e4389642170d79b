using HpcMaint.Core.Health;
using HpcMaint.Core.Health.Checks.Gpu;
using static HpcMaint.Core.Tests.Health.Gpu.GpuSpecKit;

namespace HpcMaint.Core.Tests.Health.Gpu;

public sealed class AmdGpuSpecs
{
    private static readonly string[] RocmSmi = ["/opt/rocm/bin/rocm-smi", "--showtemp", "--showuse", "--showmeminfo", "vram", "--showbus", "--json"];
    private static readonly string[] RocmInfo = ["/opt/rocm/bin/rocminfo"];

    [Theory]
    [InlineData("amd/rocm-smi_mi100x6_rocm5.7.1.json", 6, 34.0)]
    [InlineData("amd/rocm-smi_mi100x4_rocm6.0.2.json", 4, 55.0)]
    [InlineData("amd/rocm-smi_mi50-32gb_vega20.json", 1, 38.0)]
    [InlineData("amd/rocm-smi_rx6700xt_rocm4.3.0.json", 1, 47.0)]
    public void Every_ROCm_versions_cards_are_read_with_their_hottest_sensor(string fixture, int cards, double firstCardHottest)
    {
        var gpus = RocmSmiJson.Parse(Fixture(fixture)).Value!;

        Assert.Equal(cards, gpus.Count);
        Assert.Equal(("junction", firstCardHottest), (gpus[0].HottestSensor, gpus[0].Temperature!.Value));
        Assert.All(gpus, g => Assert.True(g.VramTotal > 0 && g.BusId.Length > 0));
    }

    [Fact]
    public void The_rocminfo_listing_has_one_GPU_agent()
    {
        Assert.Equal((1, (string?)null), Rocminfo.CountGpuAgents(Fixture("amd/rocminfo_mi300x_EXTRACTED.txt")));
        Assert.Equal(1, Rocminfo.CountGpuAgents(Fixture("amd/rocminfo_mi300x_docs-example.rst")).GpuAgents);
        Assert.NotNull(Rocminfo.CountGpuAgents("ROCk module is NOT loaded, possibly no GPU devices\n").Problem);
    }

    [Fact]
    public async Task A_healthy_node_passes_when_rocminfo_sees_every_card()
    {
        var probe = new FakeHostProbe()
            .WithProgramOutput(RocmSmi, Fixture("amd/rocm-smi_mi50-32gb_vega20.json"))
            .WithProgramOutput(RocmInfo, Fixture("amd/rocminfo_mi300x_EXTRACTED.txt"));

        var verdict = await RunAsync("gpu.amd", probe, "count = 1\nmax_temperature = 90\nmin_vram = \"30GiB\"");

        Assert.Equal(CheckStatus.Pass, verdict.Status);
    }

    [Fact]
    public async Task A_missing_card_fails_the_count_and_the_agent_comparison()
    {
        var probe = new FakeHostProbe()
            .WithProgramOutput(RocmSmi, Fixture("amd/rocm-smi_mi100x4_rocm6.0.2_CARD-MISSING-EDITED.json"))
            .WithProgramOutput(RocmInfo, Fixture("amd/rocminfo_mi300x_EXTRACTED.txt"));

        var verdict = await RunAsync("gpu.amd", probe, "count = 4");

        Assert.Equal(
            [
                new Finding("gpu.amd.count", "3 GPUs", "4", Critical: true),
                new Finding("gpu.amd.agents", "1 GPU agents in rocminfo", "3", Critical: true),
            ],
            verdict.Findings);
    }

    [Fact]
    public async Task Heat_shrunken_VRAM_and_uncorrectable_RAS_counts_fail_per_card()
    {
        var json = """{"card0": {"PCI Bus": "0000:63:00.0", "Temperature (Sensor edge) (C)": "96.0", "VRAM Total Memory (B)": "17179869184", "UMC Uncorrectable Error": "3"}}""";
        var probe = new FakeHostProbe().WithProgramOutput(RocmSmi, json);

        var verdict = await RunAsync("gpu.amd", probe, "rocminfo = []\nmax_temperature = 90\nmin_vram = \"32GiB\"");

        Assert.Equal(["gpu.amd.temperature", "gpu.amd.vram", "gpu.amd.ecc"], verdict.Findings.Select(f => f.Condition));
        Assert.Equal("96 C (edge) on card0 (63:00.0)", verdict.Findings[0].Actual);
    }

    [Theory]
    [InlineData("WARNING: No AMD GPUs specified\n")]
    [InlineData("{\"card0\": {\"Temperature (Sensor edge) (C)\": ")]
    [InlineData("{\"card0\": \"oops\"}")]
    public async Task Unreadable_rocm_smi_output_is_an_error(string stdout)
    {
        var probe = new FakeHostProbe().WithProgramOutput(RocmSmi, stdout);

        var verdict = await RunAsync("gpu.amd", probe, "rocminfo = []");

        Assert.Equal(CheckStatus.Error, verdict.Status);
    }
}
