using HpcMaint.Core.Config;
using HpcMaint.Core.Health;
using HpcMaint.Core.Health.Checks.Gpu;
using static HpcMaint.Core.Tests.Health.Gpu.GpuSpecKit;

namespace HpcMaint.Core.Tests.Health.Hostile;

/// <summary>Cut, empty and unexpected GPU tool output: an error (strikes apply), never a lost GPU or a false NVLink fault.</summary>
public sealed class HostileGpuOutputSpecs
{
    private static readonly string[] Query = ["/usr/bin/nvidia-smi", "--query-gpu=" + NvidiaSmiCsv.DefaultFields, "--format=csv"];
    private const string LostLine = "Unable to determine the device handle for GPU0000:5E:00.0: Unknown Error";

    [Theory]
    [InlineData("")]
    [InlineData("count = 8")]
    public async Task A_header_only_query_is_an_error_not_a_lost_GPU(string toml)
    {
        var header = Fixture("nvidia-smi-csv/h100x8_535.161.07_query-gpu.csv").Split('\n')[0] + "\n";
        var probe = new FakeHostProbe().WithProgramOutput(Query, header);

        var verdict = await RunAsync("gpu.nvidia.query", probe, toml);

        Assert.Equal(CheckStatus.Error, verdict.Status);
        Assert.Contains("header but no GPU rows", Assert.Single(verdict.Findings).Actual);
    }

    [Fact]
    public async Task A_query_listing_fewer_GPUs_than_its_count_is_an_error_unless_it_names_the_lost_one()
    {
        const string cut = "count, index, pci.bus_id\n2, 0, 00000000:3B:00.0\n";
        var cutShort = await RunAsync("gpu.nvidia.query", new FakeHostProbe().WithProgramOutput(Query, cut), "count = 2");
        var lost = await RunAsync("gpu.nvidia.query", new FakeHostProbe().WithProgramOutput(Query, LostLine + "\n" + cut), "count = 2");

        Assert.Equal(CheckStatus.Error, cutShort.Status);
        Assert.Contains("lists 1 of the 2 GPUs it counts", Assert.Single(cutShort.Findings).Actual);
        Assert.Equal(CheckStatus.Fail, lost.Status);
        Assert.Contains(lost.Findings, f => f is { Condition: "gpu.nvidia.lost", Critical: true });
    }

    [Fact]
    public async Task A_query_without_a_count_column_cut_at_a_line_end_waits_for_strikes()
    {
        var lines = Fixture("nvidia-smi-csv/h100x8_535.161.07_query-gpu.csv").Split('\n');
        var probe = new FakeHostProbe().WithProgramOutput(Query, string.Join('\n', lines.Take(4)) + "\n");

        var verdict = await RunAsync("gpu.nvidia.query", probe, "count = 8");

        Assert.Equal(new Finding("gpu.nvidia.count", "3 GPUs", "8", Critical: false), Assert.Single(verdict.Findings));
    }

    [Fact]
    public void Damaged_XML_is_described_in_words_with_line_and_column()
    {
        var problem = NvidiaSmiXml.Parse(Fixture("nvidia-smi-xml/rtx-a5000-x2_590.44.01_TRUNCATED-EDITED.xml")).Problem!;

        Assert.Matches(@"^the nvidia-smi XML ends early \(line \d+, column \d+\): the output is cut short$", problem);
    }

    [Fact]
    public async Task Fewer_active_links_than_expected_fail_naming_the_count()
    {
        var status = string.Join('\n', Fixture("nvlink/h100_590.48.01_nvlink-s.txt").Split('\n').Take(11)) + "\n";
        var probe = new FakeHostProbe()
            .WithProgramOutput(Query, Fixture("nvidia-smi-csv/h100_590.48.01_query-gpu-allfields_idle.csv"))
            .WithProgramOutput(NvLinkArgv, status);

        var verdict = await RunAsync("gpu.nvidia.query", probe, "nvlink = true\nnvlink_links = 18");
        var unsaid = await RunAsync("gpu.nvidia.query", probe, "nvlink = true");

        Assert.Equal(new Finding("gpu.nvidia.nvlink", "10 links active on GPU 0", "18 active links"), Assert.Single(verdict.Findings));
        Assert.Equal(CheckStatus.Pass, unsaid.Status);
    }

    [Fact]
    public async Task A_link_status_that_leaves_out_a_reported_GPU_is_an_error()
    {
        var probe = new FakeHostProbe()
            .WithProgramOutput(XmlArgv, Fixture("nvidia-smi-xml/rtx-a5000-x2_590.44.01.xml"))
            .WithProgramOutput(NvLinkArgv, Fixture("nvlink/h100_590.48.01_nvlink-s.txt"));

        var verdict = await RunAsync("gpu.nvidia", probe, "nvlink = true");

        Assert.Equal(CheckStatus.Error, verdict.Status);
        Assert.Contains("leaves out GPU 1 of the 2", Assert.Single(verdict.Findings).Actual);
    }

    [Theory]
    [InlineData("", CheckStatus.Pass)]
    [InlineData("nvlink_on_mig = \"skip\"", CheckStatus.Pass)]
    [InlineData("nvlink_on_mig = \"check\"", CheckStatus.Fail)]
    public async Task A_MIG_GPU_is_held_to_NVLink_expectations_only_when_asked(string toml, CheckStatus status)
    {
        var probe = new FakeHostProbe()
            .WithProgramOutput(XmlArgv, Fixture("nvidia-smi-xml/a100-sxm4-80gb_535.54.03_mig.xml"))
            .WithProgramOutput(NvLinkArgv, Fixture("nvlink/a100_nvlink-status_MIG-EDITED.txt"));

        var verdict = await RunAsync("gpu.nvidia", probe, "nvlink = true\nnvlink_links = 12\n" + toml);

        Assert.Equal(status, verdict.Status);
        Assert.All(verdict.Findings, f => Assert.Equal("no NVLink on GPU 0 (MIG mode)", f.Actual));
    }

    [Fact]
    public void MIG_mode_is_read_from_the_XML_and_from_the_link_status()
    {
        Assert.True(Assert.Single(NvidiaSmiXml.Parse(Fixture("nvidia-smi-xml/a100-sxm4-80gb_535.54.03_mig.xml")).Value!.Gpus).Mig);
        Assert.NotEqual(true, NvidiaSmiXml.Parse(Fixture("nvidia-smi-xml/a10g_515.105.01.xml")).Value!.Gpus[0].Mig);
        Assert.True(Assert.Single(NvLinkStatus.Parse(Fixture("nvlink/a100_nvlink-status_MIG-EDITED.txt")).Value!).Mig);
    }

    [Theory]
    [InlineData("nvlink = true\nnvlink_links = 0", "nvlink_links: 0 is out of range; write a number between 1 and 64")]
    [InlineData("nvlink_links = 18", "nvlink_links: links are only counted with nvlink = true; add nvlink = true or remove nvlink_links")]
    [InlineData("nvlink = true\nnvlink_on_mig = \"maybe\"", "nvlink_on_mig: \"maybe\" is not a choice; write nvlink_on_mig = \"skip\" (MIG GPUs report no NVLink, leave them out) or \"check\"")]
    public void Bad_NVLink_keys_say_what_to_write(string toml, string error)
    {
        var config = new TestConfigSection(toml);
        _ = GpuCheckKinds.All.Single(k => k.Id == "gpu.nvidia").Create(config.Section);

        Assert.Contains(config.Errors, e => e.EndsWith(error, StringComparison.Ordinal));
    }

    [Fact]
    public void Sizes_a_rounding_would_make_equal_are_shown_apart()
    {
        const long GiB = 1L << 30;

        Assert.Equal(("11.999GiB", "12GiB"), ByteSizeText.Contrast((12 * GiB) - (1L << 20), 12 * GiB));
        Assert.Equal(("12884901887B", "12884901888B"), ByteSizeText.Contrast((12 * GiB) - 1, 12 * GiB));
        Assert.Equal(("8GiB", "12GiB"), ByteSizeText.Contrast(8 * GiB, 12 * GiB));
    }
}
