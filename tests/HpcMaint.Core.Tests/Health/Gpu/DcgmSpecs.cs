using HpcMaint.Core.Health;
using HpcMaint.Core.Health.Checks.Gpu;
using static HpcMaint.Core.Tests.Health.Gpu.GpuSpecKit;

namespace HpcMaint.Core.Tests.Health.Gpu;

public sealed class DcgmSpecs
{
    private static string[] Diag(int level) => ["/usr/bin/dcgmi", "diag", "-r", level.ToString(System.Globalization.CultureInfo.InvariantCulture), "-j"];

    // The verdict comes from the results, whatever level produced them: the r2 and r3 outputs read as r1's do.
    [Theory]
    [InlineData("dcgm/dcgmi-diag-r1_t4_pass.json")]
    [InlineData("dcgm/dcgmi-diag-r2_t4_pass.json")]
    [InlineData("dcgm/dcgmi-diag-r3_t4_pass-with-skip.json")]
    public async Task Passing_diagnostics_pass_skips_included(string fixture)
    {
        var probe = new FakeHostProbe().WithProgramOutput(Diag(1), Fixture(fixture));

        var verdict = await RunAsync("dcgm", probe, "level = 1");

        Assert.Equal(CheckStatus.Pass, verdict.Status);
        Assert.Equal(string.Join(' ', Diag(1)), Assert.Single(probe.Ran));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    public void Levels_that_outlast_a_health_run_are_config_errors(int level)
    {
        var config = new TestConfigSection($"level = {level}");

        GpuCheckKinds.All.Single(k => k.Id == "dcgm").Create(config.Section);

        Assert.Contains("take minutes", Assert.Single(config.Errors), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failed_test_is_a_finding_named_after_the_test_and_a_warning_only_when_asked()
    {
        var probe = new FakeHostProbe().WithProgramOutput(Diag(1), Fixture("dcgm/dcgmi-diag-r1_FAIL-persistence_TRIMMED.json"), exitCode: 226);

        var plain = await RunAsync("dcgm", probe);
        var strict = await RunAsync("dcgm", probe, "warn_fails = true");

        Assert.Equal(new Finding("dcgm.persistence_mode", "Fail", "Pass", Remedy: LadderStep.Rebuild), Assert.Single(plain.Findings));
        Assert.Equal(["dcgm.persistence_mode", "dcgm.environment_variables"], strict.Findings.Select(f => f.Condition));
    }

    [Fact]
    public async Task A_warning_passes_by_default()
    {
        var probe = new FakeHostProbe().WithProgramOutput(Diag(1), Fixture("dcgm/dcgmi-diag-r1_WARN-persistence_TRIMMED.json"));

        Assert.Equal(CheckStatus.Pass, (await RunAsync("dcgm", probe)).Status);
    }

    [Fact]
    public async Task JSON_of_another_shape_is_an_error_not_an_exception()
    {
        var probe = new FakeHostProbe().WithProgramOutput(Diag(1), Fixture("dcgm/dcgmi-diag_FAIL-libcuda_SHAPE-INVALID.json"), exitCode: 226);

        var verdict = await RunAsync("dcgm", probe);

        Assert.Equal(CheckStatus.Error, verdict.Status);
        Assert.Contains("exit 226", Assert.Single(verdict.Findings).Actual, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Error: unable to establish a connection to the specified host: localhost\n")]
    [InlineData("{\"DCGM GPU Diagnostic\": {\"test_categories\": [{\"category\": \"Deployment\", \"tests\": [{\"name\": \"Denylist\", \"results\": [{}]}]}]}}")]
    [InlineData("{\"DCGM GPU Diagnostic\": {\"test_categories\": [")]
    [InlineData("{\"DCGM GPU Diagnostic\": {\"test_categories\": []}}")]
    public async Task Broken_or_empty_diagnostics_are_errors(string stdout)
    {
        var probe = new FakeHostProbe().WithProgramOutput(Diag(1), stdout);

        Assert.Equal(CheckStatus.Error, (await RunAsync("dcgm", probe)).Status);
    }

    [Fact]
    public void Per_GPU_results_and_their_warnings_are_kept()
    {
        var json = """{"DCGM GPU Diagnostic": {"test_categories": [{"category": "Hardware", "tests": [{"name": "GPU Memory", "results": [{"gpu_ids": "0", "status": "Pass"}, {"gpu_ids": "1", "status": "Fail", "warnings": [{"warning": "Memory errors detected"}]}]}]}]}}""";

        var results = DcgmDiagJson.Parse(json).Value!;

        Assert.Equal(new DcgmTestResult("Hardware", "GPU Memory", "Fail", "1", "Memory errors detected"), results[1]);
        Assert.Equal("page_retirement_row_remap", DcgmCheck.ConditionName("Page Retirement/Row Remap"));
    }
}
