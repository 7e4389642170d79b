using HpcMaint.Core.Health;
using HpcMaint.Core.Health.Checks;

namespace HpcMaint.Core.Tests.Health.SystemChecks;

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
    public void A_check_without_its_required_key_is_a_config_error_naming_the_key(string kind, string key)
    {
        var error = Assert.Single(SystemCheck.Errors(kind, string.Empty));

        Assert.StartsWith($"1: check.{key}: ", error, StringComparison.Ordinal);
        Assert.Contains($"write {key}", error, StringComparison.Ordinal);
    }
}
