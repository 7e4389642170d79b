using HpcMaint.Core.Config;
using HpcMaint.Toml;

namespace HpcMaint.Core.Tests.Config;

public sealed class HpcMaintConfigReaderSpecs
{
    private static ConfigResult Read(string toml) => HpcMaintConfigReader.Read(TomlParser.Parse(toml, "t.toml"), "t.toml");

    [Fact]
    public void An_empty_file_gives_the_defaults()
    {
        var result = Read(string.Empty);

        Assert.True(result.IsValid);
        Assert.Equal("/usr/bin", result.Config!.Slurm.BinDir);
        Assert.Equal(TimeSpan.FromSeconds(10), result.Config.Slurm.CommandTimeout);
        Assert.Equal(new[] { "/usr/sbin/reboot" }, result.Config.Reboot.Command);
    }

    [Fact]
    public void Every_setting_is_read()
    {
        var result = Read("""
            [slurm]
            bin_dir = "/opt/slurm/bin"
            conf = "/etc/slurm-llnl/slurm.conf"
            command_timeout = "1m30s"
            [audit]
            journal = "/srv/audit.jsonl"
            [logging]
            level = "warning"
            [node]
            name = "gpu001"
            [reboot]
            command = ["/usr/bin/ipmitool", "-H", "{node}-bmc", "chassis", "power", "cycle"]
            """);

        Assert.True(result.IsValid, string.Join('\n', result.Errors));
        var c = result.Config!;
        Assert.Equal(("/opt/slurm/bin", "/etc/slurm-llnl/slurm.conf", TimeSpan.FromSeconds(90)), (c.Slurm.BinDir, c.Slurm.Conf, c.Slurm.CommandTimeout));
        Assert.Equal("/srv/audit.jsonl", c.Audit.Journal);
        Assert.Equal("warning", c.Logging.Level);
        Assert.Equal("gpu001", c.Node.Name);
        Assert.Equal("{node}-bmc", c.Reboot.Command[2]);
    }

    [Theory]
    [InlineData("[slurm]\ncommand_timeout = 0", "slurm.command_timeout", "out of range")]
    [InlineData("[slurm]\ncommand_timeout = true", "slurm.command_timeout", "expected a duration")]
    [InlineData("[logging]\nlevel = \"loud\"", "logging.level", "not one of")]
    [InlineData("[reboot]\ncommand = []", "reboot.command", "must name a program")]
    [InlineData("[reboot]\ncommand = [\"reboot\"]", "reboot.command", "absolute path")]
    [InlineData("[reboot]\ncommand = \"/sbin/reboot\"", "reboot.command", "list of strings")]
    [InlineData("[node]\nname = \"gpu 1\"", "node.name", "not a Slurm node name")]
    [InlineData("[slurm]\nbindir = \"/usr/bin\"", "slurm.bindir", "did you mean 'bin_dir'")]
    [InlineData("slurm = 1", "slurm", "expected a table [slurm]")]
    public void A_wrong_value_names_the_key_and_what_to_write(string toml, string key, string hint)
    {
        var result = Read(toml);

        var error = Assert.Single(result.Errors);
        Assert.Equal(key, error.Key);
        Assert.Contains(hint, error.Problem, StringComparison.Ordinal);
        Assert.Equal(toml.Count(c => c == '\n') + 1, error.Line);
    }

    [Theory]
    [InlineData("500ms", 500)]
    [InlineData("20s", 20_000)]
    [InlineData("5m", 300_000)]
    [InlineData("1h30m", 5_400_000)]
    [InlineData("1.5s", 1_500)]
    public void Durations_are_read_in_operator_units(string text, int milliseconds)
    {
        Assert.True(DurationText.TryParse(text, out var d));
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), d);
    }

    [Theory]
    [InlineData("")]
    [InlineData("10")]
    [InlineData("s")]
    [InlineData("10 parsecs")]
    [InlineData("5y")]
    public void Durations_without_a_known_unit_are_refused(string text) =>
        Assert.False(DurationText.TryParse(text, out _));
}
