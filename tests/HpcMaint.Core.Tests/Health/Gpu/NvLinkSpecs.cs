using HpcMaint.Core.Health;
using HpcMaint.Core.Health.Checks.Gpu;
using static HpcMaint.Core.Tests.Health.Gpu.GpuSpecKit;

namespace HpcMaint.Core.Tests.Health.Gpu;

public sealed class NvLinkSpecs
{
    [Theory]
    [InlineData("nvlink/a100x8_nvlink-status.txt", 8, 12)]
    [InlineData("nvlink/h100_590.48.01_nvlink-s.txt", 1, 18)]
    public void Captured_link_status_lists_every_link_active(string fixture, int gpus, int links)
    {
        var parsed = NvLinkStatus.Parse(Fixture(fixture)).Value!;

        Assert.Equal(gpus, parsed.Count);
        Assert.All(parsed, g => Assert.Equal(links, g.Links));
        Assert.All(parsed, g => Assert.Empty(g.InactiveLinks));
    }

    [Fact]
    public async Task An_inactive_link_fails_naming_the_GPU_and_link()
    {
        var probe = new FakeHostProbe()
            .WithProgramOutput(XmlArgv, Fixture("nvidia-smi-xml/rtx-a5000-x2_590.44.01.xml"))
            .WithProgramOutput(NvLinkArgv, Fixture("nvlink/a100x8_nvlink-status_LINK-INACTIVE-EDITED.txt"));

        var verdict = await RunAsync("gpu.nvidia", probe, "nvlink = true");

        Assert.Equal(new Finding("gpu.nvidia.nvlink", "link 5 inactive on GPU 3", "all links active"), Assert.Single(verdict.Findings));
    }

    [Fact]
    public async Task A_GPU_without_NVLink_fails_when_links_are_required()
    {
        var probe = new FakeHostProbe()
            .WithProgramOutput(XmlArgv, Fixture("nvidia-smi-xml/rtx-3080_595.58.03.xml"))
            .WithProgramOutput(NvLinkArgv, Fixture("nvlink/l40s_595.80_nvlink-s_not-supported.txt"));

        var verdict = await RunAsync("gpu.nvidia", probe, "nvlink = true");

        Assert.Equal("no NVLink on GPU 0", Assert.Single(verdict.Findings).Actual);
    }

    [Fact]
    public async Task Empty_link_status_is_an_error_and_links_are_not_queried_unless_asked()
    {
        var probe = new FakeHostProbe()
            .WithProgramOutput(XmlArgv, Fixture("nvidia-smi-xml/rtx-a5000-x2_590.44.01.xml"))
            .WithProgramOutput(NvLinkArgv, Fixture("nvlink/a10_nvlink-status_EMPTY.txt"));

        var asked = await RunAsync("gpu.nvidia", probe, "nvlink = true");
        var notAsked = await RunAsync("gpu.nvidia", new FakeHostProbe().WithProgramOutput(XmlArgv, Fixture("nvidia-smi-xml/rtx-a5000-x2_590.44.01.xml")));

        Assert.Equal(CheckStatus.Error, asked.Status);
        Assert.Equal(CheckStatus.Pass, notAsked.Status);
    }
}
