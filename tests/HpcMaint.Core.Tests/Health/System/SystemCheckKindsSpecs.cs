using HpcMaint.Core.Health;
using HpcMaint.Core.Health.Checks;

namespace HpcMaint.Core.Tests.Health.System;

public sealed class SystemCheckKindsSpecs
{
    [Fact]
    public void The_catalogue_offers_the_nhc_families_once_each()
    {
        var ids = SystemCheckKinds.All.Select(k => k.Id).ToArray();

        Assert.Equal(
            ["hw.cpu", "hw.memory", "hw.mce", "fs.mount", "fs.space", "fs.file", "ps.running", "ps.forbidden", "net.link", "net.reach", "ib.port", "cmd"],
            ids);
    }

    [Theory]
    [InlineData("hw.cpu", "sockets")]
    [InlineData("hw.memory", "physical")]
    [InlineData("fs.mount", "path")]
    [InlineData("fs.space", "path")]
    [InlineData("fs.file", "paths")]
    [InlineData("ps.running", "name")]
    [InlineData("ps.forbidden", "names")]
    [InlineData("net.link", "interface")]
    [InlineData("net.reach", "host")]
    [InlineData("cmd", "argv")]
    public async Task A_check_without_its_required_key_says_which_key_to_write(string kind, string key)
    {
        var verdict = await SystemCheck.Run(kind, string.Empty, new FakeHostProbe());

        Assert.Equal(CheckStatus.Error, verdict.Status);
        Assert.Contains(key, verdict.Findings.Single().Actual, StringComparison.Ordinal);
    }
}
