using HpcMaint.Core.Health.Checks.Gpu;

namespace HpcMaint.Core.Tests.Health.Gpu;

public sealed class GpuConfigSpecs
{
    [Fact]
    public void The_catalogue_offers_the_five_GPU_kinds()
    {
        Assert.Equal(["gpu.nvidia", "gpu.nvidia.query", "gpu.xid", "gpu.amd", "dcgm"], GpuCheckKinds.All.Select(k => k.Id));
    }

    [Theory]
    [InlineData("gpu.nvidia", "count = \"two\"", "check.count")]
    [InlineData("gpu.nvidia", "max_temperature = 400", "check.max_temperature")]
    [InlineData("gpu.nvidia", "persistence_mode = \"yes\"", "check.persistence_mode")]
    [InlineData("gpu.nvidia", "throttle_reasons = [\"hw_slowdwn\"]", "check.throttle_reasons")]
    [InlineData("gpu.nvidia", "nvidia_smi = [\"nvidia-smi\", \"-q\", \"-x\"]", "check.nvidia_smi")]
    [InlineData("gpu.nvidia.query", "nvlink = 1", "check.nvlink")]
    [InlineData("gpu.xid", "window = \"soon\"", "check.window")]
    [InlineData("gpu.xid", "kernel_log = \"/usr/bin/dmesg\"", "check.kernel_log")]
    [InlineData("gpu.amd", "min_vram = \"lots\"", "check.min_vram")]
    [InlineData("gpu.amd", "rocminfo = [\"rocminfo\"]", "check.rocminfo")]
    [InlineData("dcgm", "level = 5", "check.level")]
    [InlineData("dcgm", "dcgmi = \"dcgmi\"", "check.dcgmi")]
    public void A_bad_value_is_reported_through_the_section_with_its_key(string kind, string toml, string key)
    {
        var config = new TestConfigSection(toml);

        GpuCheckKinds.All.Single(k => k.Id == kind).Create(config.Section);

        Assert.Contains(key, Assert.Single(config.Errors), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("gpu.nvidia")]
    [InlineData("gpu.nvidia.query")]
    [InlineData("gpu.xid")]
    [InlineData("gpu.amd")]
    [InlineData("dcgm")]
    public async Task A_GPU_tool_is_not_cut_short_of_the_longest_timeout_a_check_may_be_given(string kind)
    {
        var probe = new FakeHostProbe();

        await GpuSpecKit.RunAsync(kind, probe);

        // A check's timeout may be raised up to the run's budget, at most 55 s; the check's token enforces it.
        Assert.NotEmpty(probe.RunLimits);
        Assert.All(probe.RunLimits, limit => Assert.True(limit >= TimeSpan.FromSeconds(55), $"tool limit {limit}"));
    }

    [Fact]
    public void Keys_of_another_kind_are_unknown()
    {
        var config = new TestConfigSection("level = 2");

        GpuCheckKinds.All.Single(k => k.Id == "gpu.nvidia").Create(config.Section);
        config.Section.Done();

        Assert.Contains("level", Assert.Single(config.Errors), StringComparison.Ordinal);
    }
}
