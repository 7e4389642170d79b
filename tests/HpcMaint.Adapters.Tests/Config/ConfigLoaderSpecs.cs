using HpcMaint.Adapters.Config;
using HpcMaint.Core.Config;

namespace HpcMaint.Adapters.Tests.Config;

public sealed class ConfigLoaderSpecs : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("hpcmaint-config-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [Fact]
    public void The_shipped_example_config_is_valid_and_equals_the_defaults()
    {
        var example = Path.Combine(AppContext.BaseDirectory, "Examples", "hpcmaint.toml");

        var result = ConfigLoader.Load(example, _ => null);

        Assert.True(result.IsValid, string.Join('\n', result.Errors));
        var defaults = HpcMaintConfig.Defaults(example);
        Assert.Equal(defaults.Slurm, result.Config!.Slurm);
        Assert.Equal(defaults.Audit, result.Config.Audit);
        Assert.Equal(defaults.Logging, result.Config.Logging);
        Assert.Equal(defaults.Reboot, result.Config.Reboot);
        Assert.Equal(defaults.Power, result.Config.Power);
        Assert.Equal(defaults.Rebuild, result.Config.Rebuild);
        Assert.Equal(defaults.OpenStack, result.Config.OpenStack);
        var health = result.Config.Health;
        Assert.Equal(defaults.Health with { Ladder = health.Ladder, Checks = health.Checks, Remedies = health.Remedies }, health);
        Assert.Equal(defaults.Health.Ladder, health.Ladder);
        Assert.Empty(health.Checks);
        Assert.Empty(health.Remedies);
    }

    [Fact]
    public void A_config_with_three_mistakes_yields_three_errors_each_with_its_line()
    {
        var path = Write("""
            [slurm]
            bin_dir = "usr/bin"
            command_timeout = "ten seconds"

            [loging]
            level = "info"
            """);

        var result = ConfigLoader.Load(path, _ => null);

        Assert.False(result.IsValid);
        Assert.Collection(
            result.Errors,
            e => Assert.Equal($"{path}:2: slurm.bin_dir: \"usr/bin\" is not an absolute path; write it in full, e.g. \"/usr/bin\"", e.ToString()),
            e => Assert.Equal($"{path}:3: slurm.command_timeout: expected a duration such as \"10s\" (units ms, s, m, h), got \"ten seconds\"", e.ToString()),
            e => Assert.Equal($"{path}:5: loging: unknown key or section; did you mean 'logging'?", e.ToString()));
    }

    [Fact]
    public void A_toml_syntax_error_is_reported_with_line_and_column()
    {
        var path = Write("[slurm]\nbin_dir = \"/usr/bin\n");

        var result = ConfigLoader.Load(path, _ => null);

        var error = Assert.Single(result.Errors);
        Assert.Equal(2, error.Line);
        Assert.StartsWith($"{path}:2: syntax: column ", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_environment_variable_names_the_file_when_no_option_does()
    {
        var path = Write("[logging]\nlevel = \"debug\"\n");

        var result = ConfigLoader.Load(null, name => name == ConfigLoader.EnvironmentVariable ? path : null);

        Assert.Equal("debug", result.Config!.Logging.Level);
    }

    [Fact]
    public void A_file_that_was_asked_for_but_is_missing_is_an_error()
    {
        var missing = Path.Combine(dir, "nope.toml");

        var result = ConfigLoader.Load(missing, _ => null);

        var error = Assert.Single(result.Errors);
        Assert.Contains("no such file", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void The_option_wins_over_the_environment_variable()
    {
        var located = ConfigLoader.Locate("/etc/a.toml", _ => "/etc/b.toml");

        Assert.Equal("/etc/a.toml", located);
    }

    [Fact]
    public void A_config_file_others_can_write_is_an_error_only_where_it_must_be_trusted()
    {
        var path = Write("[logging]\nlevel = \"debug\"\n");
        File.SetUnixFileMode(path, (UnixFileMode)0x1B6);

        var trusted = ConfigLoader.Load(path, _ => null, fileMustBeTrusted: true);
        var asked = ConfigLoader.Load(path, _ => null);

        var error = Assert.Single(trusted.Errors);
        Assert.Equal(
            $"{path}: file: the config file {path} (owner root, mode 0666) is writable by group or others, so whoever can change it decides what hpcmaint runs; fix: chmod go-w {path}",
            error.ToString());
        Assert.True(asked.IsValid);
    }

    [Fact]
    public void A_clouds_yaml_found_by_openstacksdk_s_search_is_judged_as_a_credential()
    {
        var clouds = Path.Combine(dir, "clouds.yaml");
        File.WriteAllText(clouds, "clouds:\n  c1:\n    auth:\n      auth_url: http://k/v3\n      password: s3cret\n");
        File.SetUnixFileMode(clouds, (UnixFileMode)0x1A4);
        var path = Write("[openstack]\ncloud = \"c1\"\n");

        var result = ConfigLoader.Load(path, name => name == "OS_CLIENT_CONFIG_FILE" ? clouds : null);

        var error = Assert.Single(result.Errors);
        Assert.Equal(("openstack.clouds_file", 0), (error.Key, error.Line));
        Assert.EndsWith($"fix: chmod go-rwx {clouds}", error.Problem, StringComparison.Ordinal);
    }

    private string Write(string text)
    {
        var path = Path.Combine(dir, "hpcmaint.toml");
        File.WriteAllText(path, text);
        return path;
    }
}
