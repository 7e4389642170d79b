using HpcMaint.Core.Health;
using HpcMaint.Core.Remediation;
using HpcMaint.Core.Slurm;
using HpcMaint.Core.Tests.Health.SystemChecks;

namespace HpcMaint.Core.Tests.Health.Hostile;

/// <summary>What a tool prints reaches scontrol, the journal and a person only as printable, bounded text.</summary>
public sealed class PrintableTextSpecs
{
    [Theory]
    [InlineData("a\0b", "a\\x00b")]
    [InlineData("\u001b[31mred", "\\x1B[31mred")]
    [InlineData("two\nlines\tand\r tab", "two lines and  tab")]
    [InlineData("evil\u202Eright-to-left", "evil\\u202Eright-to-left")]
    [InlineData("GPU \U0001F600 keeps a whole pair", "GPU \U0001F600 keeps a whole pair")]
    [InlineData("del\u007f c1\u0085", "del\\x7F c1\\x85")]
    public void A_line_escapes_what_a_terminal_or_scontrol_would_act_on(string text, string printable) =>
        Assert.Equal(printable, PrintableText.Line(text, 200));

    [Fact]
    public void A_block_keeps_its_lines_and_tabs_and_drops_carriage_returns_of_CRLF()
    {
        Assert.Equal("a\n\tb\nc\\x00", PrintableText.Block("a\r\n\tb\nc\0", 100));
        Assert.Equal(10, PrintableText.Line(new string('\0', 1000), 10).Length);
        Assert.Equal("lone \\uD800 half", PrintableText.Line("lone " + (char)0xD800 + " half", 100));
    }

    [Fact]
    public void A_drain_reason_with_a_NUL_is_printable_and_fits_slurm()
    {
        var reason = NodeReason.Create("cmd.x: \"\0\0\0" + new string('\u0007', 900) + "\" vs /ok/");

        Assert.StartsWith("hpcmaint: cmd.x: \"\\x00\\x00\\x00\\x07", reason);
        Assert.True(reason.Length <= NodeReason.MaxLength);
        Assert.True(PrintableText.IsPrintable(reason, keepLines: false));
        Assert.DoesNotContain('\0', DrainReasons.For(new Finding("cmd.x", "a\0b", "c"), 0, LadderStep.Reboot));
    }

    [Fact]
    public async Task The_runner_makes_every_verdict_printable_and_bounded()
    {
        var random = new Random(9);
        var junk = new string(Enumerable.Range(0, 4000).Select(_ => (char)random.Next(0, 0x3000)).ToArray());
        var check = new FixedCheck(CheckVerdict.Fail([new Finding("cmd.junk\0", junk, "\0" + junk)], junk + junk));
        var definition = new CheckDefinition("junk", "cmd", check, HostTarget.All, TimeSpan.FromSeconds(5), CheckPriority.Default, 1, [LadderStep.Reboot], 1);

        var result = Assert.Single(await CheckRunner.RunAsync([definition], new FakeHostProbe(), TimeSpan.FromSeconds(10), TimeProvider.System, CancellationToken.None));

        var finding = Assert.Single(result.Verdict.Findings);
        Assert.All([finding.Condition, finding.Actual, finding.Expected], text =>
        {
            Assert.True(PrintableText.IsPrintable(text, keepLines: false), text);
            Assert.InRange(text.Length, 1, CheckVerdict.MaxFindingLength);
        });
        Assert.True(PrintableText.IsPrintable(result.Verdict.Output, keepLines: true));
        Assert.InRange(result.Verdict.Output.Length, 1, CheckVerdict.MaxOutputLength);
    }

    [Fact]
    public async Task A_command_printing_NULs_fails_with_a_printable_finding()
    {
        string[] argv = ["/usr/local/sbin/site-check"];
        var probe = new FakeHostProbe().WithProgramOutput(argv, "\0\0\0bad\0\n");
        var definition = new CheckDefinition(
            "cmd", "cmd", SystemCheck.Create("cmd", "argv = [\"/usr/local/sbin/site-check\"]\noutput = \"^ok$\""),
            HostTarget.All, TimeSpan.FromSeconds(5), CheckPriority.Default, 1, [LadderStep.Reboot], 1);

        var result = Assert.Single(await CheckRunner.RunAsync([definition], probe, TimeSpan.FromSeconds(10), TimeProvider.System, CancellationToken.None));

        Assert.Equal("\"\\x00\\x00\\x00bad\\x00\"", Assert.Single(result.Verdict.Findings).Actual);
    }

    private sealed class FixedCheck(CheckVerdict verdict) : IHealthCheck
    {
        public Task<CheckVerdict> RunAsync(IHostProbe probe, CancellationToken cancellationToken) => Task.FromResult(verdict);
    }
}
