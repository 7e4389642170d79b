using HpcMaint.Core.Health;
using HpcMaint.Core.Health.Checks.Gpu;
using static HpcMaint.Core.Tests.Health.Gpu.GpuSpecKit;

namespace HpcMaint.Core.Tests.Health.Gpu;

public sealed class NvidiaSmiXmlSpecs
{
    private const string Xml = "nvidia-smi-xml/";

    public static TheoryData<string> RealXml => Fixtures("nvidia-smi-xml", ".xml");

    [Theory]
    [MemberData(nameof(RealXml))]
    public void Every_captured_XML_parses_into_at_least_one_GPU_unless_truncated(string fixture)
    {
        var parsed = NvidiaSmiXml.Parse(Fixture(fixture));

        if (fixture.Contains("TRUNCATED", StringComparison.Ordinal))
        {
            Assert.Null(parsed.Value);
            Assert.Contains("ends early", parsed.Problem, StringComparison.Ordinal);
        }
        else
        {
            Assert.NotEmpty(parsed.Value!.Gpus);
            Assert.All(parsed.Value.Gpus, g => Assert.NotEqual(string.Empty, g.BusId));
        }
    }

    [Theory]
    [InlineData("a100-sxm4-80gb_535.54.03_mig.xml")]
    [InlineData("a10g_515.105.01.xml")]
    [InlineData("gtx-1660-ti_418.43.xml")]
    [InlineData("rtx-2080-x2_590.44.01.xml")]
    [InlineData("rtx-3060_570.124.04.xml")]
    [InlineData("rtx-3080_536.40_windows.xml")]
    [InlineData("rtx-3080_595.58.03.xml")]
    [InlineData("rtx-3090_525.147.05.xml")]
    [InlineData("rtx-3090_590.44.01_swpowercap.xml")]
    [InlineData("rtx-4000-sff-ada_595.84.xml")]
    [InlineData("rtx-a5000-x2_590.44.01.xml")]
    [InlineData("rtx-pro-6000-blackwell-maxq_590.44.01.xml")]
    public async Task A_healthy_capture_passes_with_the_default_conditions(string fixture)
    {
        var probe = new FakeHostProbe().WithProgramOutput(XmlArgv, Fixture(Xml + fixture));

        var verdict = await RunAsync("gpu.nvidia", probe, "persistence_mode = false\nmax_temperature = 85");

        Assert.Equal(CheckStatus.Pass, verdict.Status);
    }

    [Fact]
    public async Task The_dual_A5000_passes_with_its_count_and_persistence_required()
    {
        var probe = new FakeHostProbe().WithProgramOutput(XmlArgv, Fixture(Xml + "rtx-a5000-x2_590.44.01.xml"));

        var verdict = await RunAsync("gpu.nvidia", probe, "count = 2\npersistence_mode = true");

        Assert.Equal(CheckStatus.Pass, verdict.Status);
        Assert.Equal(string.Join(' ', XmlArgv), Assert.Single(probe.Ran));
    }

    [Fact]
    public async Task Two_volatile_uncorrectable_errors_fail_naming_the_GPU_by_index_and_bus_id()
    {
        var probe = new FakeHostProbe().WithProgramOutput(XmlArgv, Fixture(Xml + "rtx-a5000-x2_590.44.01_ECC-EDITED.xml"));

        var verdict = await RunAsync("gpu.nvidia", probe, "count = 2");

        var finding = Assert.Single(verdict.Findings);
        Assert.Equal(new Finding("gpu.nvidia.ecc", "2 uncorrectable on GPU 1 (C1:00.0)", "0"), finding);
    }

    [Fact]
    public async Task Uncorrectable_errors_up_to_the_configured_limit_pass()
    {
        var probe = new FakeHostProbe().WithProgramOutput(XmlArgv, Fixture(Xml + "rtx-a5000-x2_590.44.01_ECC-EDITED.xml"));

        var verdict = await RunAsync("gpu.nvidia", probe, "max_uncorrectable_ecc = 2");

        Assert.Equal(CheckStatus.Pass, verdict.Status);
    }

    [Fact]
    public async Task A_missing_GPU_fails_the_count_at_once()
    {
        var probe = new FakeHostProbe().WithProgramOutput(XmlArgv, Fixture(Xml + "rtx-a5000-x2_590.44.01_GPU-MISSING-EDITED.xml"));

        var verdict = await RunAsync("gpu.nvidia", probe, "count = 2");

        Assert.Equal(new Finding("gpu.nvidia.count", "1 GPUs", "2", Critical: true), Assert.Single(verdict.Findings));
    }

    [Fact]
    public async Task A_pending_row_remap_asks_for_a_reboot_and_a_remapping_failure_for_a_person()
    {
        var pending = new FakeHostProbe().WithProgramOutput(XmlArgv, Fixture(Xml + "rtx-a5000-x2_590.44.01_REMAP-PENDING-EDITED.xml"));
        var failed = new FakeHostProbe().WithProgramOutput(XmlArgv, Fixture(Xml + "rtx-a5000-x2_590.44.01_REMAP-FAILURE-EDITED.xml"));

        var onPending = Assert.Single((await RunAsync("gpu.nvidia", pending)).Findings);
        var onFailure = Assert.Single((await RunAsync("gpu.nvidia", failed)).Findings);

        Assert.Equal(new Finding("gpu.nvidia.remap", "remap pending on GPU 0 (81:00.0)", "none pending", Remedy: LadderStep.Reboot), onPending);
        Assert.Equal(new Finding("gpu.nvidia.remap", "row remapping failed on GPU 1 (C1:00.0)", "no failure", Remedy: LadderStep.Manual), onFailure);
    }

    [Fact]
    public async Task Hardware_thermal_slowdown_and_heat_fail_while_the_software_power_cap_does_not()
    {
        var hot = new FakeHostProbe().WithProgramOutput(XmlArgv, Fixture(Xml + "rtx-a5000-x2_590.44.01_HW-THERMAL-EDITED.xml"));
        var capped = new FakeHostProbe().WithProgramOutput(XmlArgv, Fixture(Xml + "rtx-3090_590.44.01_swpowercap.xml"));

        var onHot = await RunAsync("gpu.nvidia", hot, "max_temperature = 90");
        var onCapped = await RunAsync("gpu.nvidia", capped, "max_temperature = 90");

        Assert.Equal(
            [
                new Finding("gpu.nvidia.temperature", "97 C on GPU 0 (81:00.0)", "at most 90 C"),
                new Finding("gpu.nvidia.throttle", "hw_thermal_slowdown on GPU 0 (81:00.0)", "no hardware slowdown"),
            ],
            onHot.Findings);
        Assert.Equal(CheckStatus.Pass, onCapped.Status);
    }

    [Fact]
    public async Task A_site_can_forbid_the_software_power_cap_too()
    {
        var probe = new FakeHostProbe().WithProgramOutput(XmlArgv, Fixture(Xml + "rtx-3090_590.44.01_swpowercap.xml"));

        var verdict = await RunAsync("gpu.nvidia", probe, "throttle_reasons = [\"sw_power_cap\"]");

        Assert.Equal("gpu.nvidia.throttle", Assert.Single(verdict.Findings).Condition);
    }

    [Fact]
    public async Task Truncated_output_is_an_error_not_a_pass()
    {
        var probe = new FakeHostProbe().WithProgramOutput(XmlArgv, Fixture(Xml + "rtx-a5000-x2_590.44.01_TRUNCATED-EDITED.xml"));

        var verdict = await RunAsync("gpu.nvidia", probe);

        Assert.Equal(CheckStatus.Error, verdict.Status);
        Assert.Equal("gpu.nvidia", Assert.Single(verdict.Findings).Condition);
    }

    [Theory]
    [InlineData("Unable to determine the device handle for GPU0000:3B:00.0: Unknown Error", "0000:3B:00.0")]
    [InlineData("Unable to determine the device handle for GPU 0000:86:00.0: GPU is lost.  Reboot the system to recover this GPU", "0000:86:00.0")]
    public async Task A_GPU_nvidia_smi_cannot_reach_is_lost_and_critical(string line, string busId)
    {
        var probe = new FakeHostProbe().WithProgram(XmlArgv, new ProbeOutput(15, line + "\n", string.Empty));

        var verdict = await RunAsync("gpu.nvidia", probe);

        Assert.Equal(CheckStatus.Fail, verdict.Status);
        Assert.Contains(new Finding("gpu.nvidia.lost", $"GPU {busId} lost", "all GPUs reachable", Critical: true), verdict.Findings);
    }

    [Fact]
    public async Task A_lost_GPU_reported_on_stderr_next_to_the_XML_of_the_others_is_found()
    {
        var missing = Fixture(Xml + "rtx-a5000-x2_590.44.01_GPU-MISSING-EDITED.xml");
        var probe = new FakeHostProbe().WithProgram(XmlArgv, new ProbeOutput(15, missing, "Unable to determine the device handle for GPU0000:C1:00.0: Unknown Error\n"));

        var verdict = await RunAsync("gpu.nvidia", probe, "count = 2");

        Assert.Equal(["gpu.nvidia.lost", "gpu.nvidia.count"], verdict.Findings.Select(f => f.Condition));
        Assert.All(verdict.Findings, f => Assert.True(f.Critical));
    }

    [Theory]
    [InlineData("NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver. Make sure that the latest NVIDIA driver is installed and running.", 9)]
    [InlineData("garbage that is not XML", 0)]
    [InlineData("", 0)]
    public async Task Output_without_XML_is_an_error(string stdout, int exitCode)
    {
        var probe = new FakeHostProbe().WithProgramOutput(XmlArgv, stdout, exitCode);

        var verdict = await RunAsync("gpu.nvidia", probe);

        Assert.Equal(CheckStatus.Error, verdict.Status);
    }

    [Fact]
    public async Task A_tool_that_cannot_start_is_an_error()
    {
        var verdict = await RunAsync("gpu.nvidia", new FakeHostProbe());

        Assert.Equal(CheckStatus.Error, verdict.Status);
        Assert.Contains("nvidia-smi", Assert.Single(verdict.Findings).Actual, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_devices_found_fails_the_count()
    {
        var probe = new FakeHostProbe().WithProgramOutput(XmlArgv, "No devices were found\n", 6);

        var verdict = await RunAsync("gpu.nvidia", probe);

        Assert.Equal(new Finding("gpu.nvidia.count", "0 GPUs", "at least 1", Critical: true), Assert.Single(verdict.Findings));
    }

    [Fact]
    public void Every_drain_reason_of_the_edited_faults_fits_Slurm()
    {
        var files = new[] { "ECC", "GPU-MISSING", "REMAP-PENDING", "REMAP-FAILURE", "HW-THERMAL" };
        var findings = files
            .Select(f => NvidiaSmiXml.Parse(Fixture(Xml + $"rtx-a5000-x2_590.44.01_{f}-EDITED.xml")).Value!)
            .SelectMany(r => NvidiaConditions.Evaluate(r, new NvidiaExpectations(2, 80, true, 0, true, NvidiaThrottleReasons.DefaultForbidden)))
            .ToArray();

        Assert.Equal(6, findings.Length);
        Assert.All(findings, f => Assert.True($"hpcmaint: {f.Condition}: {f.Actual} vs {f.Expected}".Length <= 120));
    }
}
