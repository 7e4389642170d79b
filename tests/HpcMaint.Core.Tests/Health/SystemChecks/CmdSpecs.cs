using HpcMaint.Core.Health;

namespace HpcMaint.Core.Tests.Health.SystemChecks;

public sealed class CmdSpecs
{
    private static readonly string[] MmHealth = ["/usr/lpp/mmfs/bin/mmhealth", "node", "show", "-Y"];

    private static FakeHostProbe Node(string stdout, int exitCode) => new FakeHostProbe().WithProgramOutput(MmHealth, stdout, exitCode);

    private const string Argv = "argv = [\"/usr/lpp/mmfs/bin/mmhealth\", \"node\", \"show\", \"-Y\"]\n";

    [Fact]
    public async Task A_command_that_exits_as_expected_with_matching_output_passes()
    {
        var verdict = await SystemCheck.Run("cmd", Argv + "output = \"^mmhealth:State:.*:HEALTHY:\"", Node("mmhealth:State:0:1:::node1:NODE:node1:HEALTHY:\n", 0));

        Assert.Equal(CheckStatus.Pass, verdict.Status);
    }

    [Fact]
    public async Task A_wrong_exit_status_and_output_fail_under_the_program_name()
    {
        var verdict = await SystemCheck.Run("cmd", Argv + "output = \":HEALTHY:\"", Node("mmhealth:State:0:1:::node1:NODE:node1:DEGRADED:\n", 1));

        Assert.Equal(CheckStatus.Fail, verdict.Status);
        Assert.Equal(
            ["hpcmaint: cmd.mmhealth: exit 1 vs exit 0", "hpcmaint: cmd.mmhealth: \"mmhealth:State:0:1:::node1:...\" vs /:HEALTHY:/"],
            verdict.Reasons());
        Assert.Contains("DEGRADED", verdict.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_config_can_name_the_condition_and_the_expected_exit_status()
    {
        var verdict = await SystemCheck.Run("cmd", Argv + "exit_code = 3\ncondition = \"cmd.gpfs\"", Node(string.Empty, 0));

        Assert.Equal("hpcmaint: cmd.gpfs: exit 0 vs exit 3", verdict.Reasons().Single());
    }

    [Fact]
    public async Task A_command_that_cannot_run_is_an_error()
    {
        var verdict = await SystemCheck.Run("cmd", "argv = [\"/usr/local/sbin/site-check\"]", new FakeHostProbe());

        Assert.Equal(CheckStatus.Error, verdict.Status);
        Assert.Equal("cmd.site-check", verdict.Findings.Single().Condition);
    }

    [Theory]
    [InlineData("argv = [\"mmhealth\"]", "2: check.argv: the program must be an absolute path")]
    [InlineData("argv = [\"/bin/true\"]\noutput = \"(unclosed\"", "3: check.output: \"(unclosed\" is not a regular expression")]
    [InlineData("argv = [\"/bin/true\"]\ncondition = \"GPFS\"", "3: check.condition: \"GPFS\" is not a condition id")]
    [InlineData("argv = [\"/bin/true\"]\nexit_code = 256", "3: check.exit_code: 256 is out of range")]
    public void Wrong_command_settings_are_config_errors(string toml, string error)
    {
        var errors = SystemCheck.Errors("cmd", toml);

        Assert.StartsWith(error, Assert.Single(errors), StringComparison.Ordinal);
    }
}
