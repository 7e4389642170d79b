using HpcMaint.Adapters.Processes;

namespace HpcMaint.Integration.Tests.Executables;

/// <summary>
/// The hooks as slurmd starts them, and `hpcmaint`, on installations others could tamper with: each stops
/// with exit 2 before running anything, naming the path, its owner and mode, and the fix.
/// </summary>
public sealed class TrustSpecs : IDisposable
{
    private const UnixFileMode Mode755 = (UnixFileMode)0x1ED;
    private const UnixFileMode Mode777 = (UnixFileMode)0x1FF;
    private const UnixFileMode Mode666 = (UnixFileMode)0x1B6;
    private const UnixFileMode Mode644 = (UnixFileMode)0x1A4;

    private readonly string dir = Directory.CreateTempSubdirectory("hpcmaint-trust-").FullName;

    public TrustSpecs()
    {
        foreach (var sub in new[] { "etc", "bin", "var" })
        {
            Directory.CreateDirectory(Path.Combine(dir, sub), Mode755);
        }

        File.SetUnixFileMode(Directory.CreateDirectory(Path.Combine(dir, "open")).FullName, Mode777); // chmod: mkdir would apply the umask
        File.Copy("/usr/bin/touch", Program);
        File.WriteAllText(Victim, "untouched\n");
    }

    public void Dispose() => Directory.Delete(dir, recursive: true);

    /// <summary>What the bad config would run: a touch of the marker (reboot command and cmd check alike).</summary>
    private string Program => Path.Combine(dir, "bin", "touch");

    private string Marker => Path.Combine(dir, "ran");

    private string Journal => Path.Combine(dir, "var", "audit.jsonl");

    private string Victim => Path.Combine(dir, "victim");

    private static string HookPath(string hook) => hook == "hpcmaint-health" ? Executables.Health : Executables.Reboot;

    /// <summary>A config whose every program touches the marker; <paramref name="extra"/> is appended.</summary>
    private string WriteConfig(string path, string program, string extra = "")
    {
        File.WriteAllText(path, $"""
            [audit]
            journal = "{Journal}"
            [reboot]
            command = ["{program}", "{Marker}"]
            [health]
            state_file = "{dir}/var/state-{"{node}"}.json"
            [[health.check]]
            check = "cmd"
            argv = ["{program}", "{Marker}"]
            {extra}
            """);
        return path;
    }

    /// <summary>As slurmd starts it: no PATH, only SLURMD_NODENAME; --config as a site's wrapper passes it.</summary>
    private static Task<CommandResult> RunHookAsync(string hook, string config) =>
        new ProcessRunner(TimeProvider.System).RunAsync(
            Command.For(HookPath(hook)).WithArguments(["--config", config]).WithCleanEnvironment()
                .WithEnvironment(new Dictionary<string, string?> { ["SLURMD_NODENAME"] = "n1" }).WithTimeout(TimeSpan.FromSeconds(30)));

    private void AssertNothingRan(CommandResult result, params string[] said)
    {
        Assert.True(result.ExitCode == 2, $"exit {result.ExitCode}: {result.StandardError}");
        foreach (var words in said)
        {
            Assert.Contains(words, result.StandardError, StringComparison.Ordinal);
        }

        Assert.False(File.Exists(Marker), "a program of the refused config ran");
        Assert.False(File.Exists(Journal), "the refused run journalled");
        Assert.Equal("untouched\n", File.ReadAllText(Victim));
    }

    [Theory]
    [InlineData("hpcmaint-health")]
    [InlineData("hpcmaint-reboot")]
    public async Task A_config_writable_by_others_is_refused(string hook)
    {
        var config = WriteConfig(Path.Combine(dir, "etc", "hpcmaint.toml"), Program);
        File.SetUnixFileMode(config, Mode666);

        var result = await RunHookAsync(hook, config);

        AssertNothingRan(result, $"{hook}: {config}: file: the config file {config} (owner root, mode 0666) is writable by group or others", $"fix: chmod go-w {config}");
    }

    [Theory]
    [InlineData("hpcmaint-health")]
    [InlineData("hpcmaint-reboot")]
    public async Task A_config_in_a_directory_writable_by_others_is_refused(string hook)
    {
        var config = WriteConfig(Path.Combine(dir, "open", "hpcmaint.toml"), Program);
        var open = Path.Combine(dir, "open");

        var result = await RunHookAsync(hook, config);

        AssertNothingRan(result, $"the directory {open} (owner root, mode 0777) is writable by group or others, who could replace {config}", $"fix: chmod go-w {open}");
    }

    [Theory]
    [InlineData("hpcmaint-health")]
    [InlineData("hpcmaint-reboot")]
    public async Task A_configured_program_writable_by_others_is_refused(string hook)
    {
        File.SetUnixFileMode(Program, Mode777);
        var config = WriteConfig(Path.Combine(dir, "etc", "hpcmaint.toml"), Program);

        var result = await RunHookAsync(hook, config);

        AssertNothingRan(result, $"{config}:4: reboot.command: the program {Program} (owner root, mode 0777) is writable by group or others", $"{config}:9: health.check[1].argv:", $"fix: chmod go-w {Program}");
    }

    [Theory]
    [InlineData("hpcmaint-health")]
    [InlineData("hpcmaint-reboot")]
    public async Task A_configured_program_in_a_world_writable_directory_is_refused(string hook)
    {
        var program = Path.Combine(dir, "open", "touch");
        File.Copy(Program, program);
        var config = WriteConfig(Path.Combine(dir, "etc", "hpcmaint.toml"), program);

        var result = await RunHookAsync(hook, config);

        AssertNothingRan(result, $"{config}:4: reboot.command: the directory {dir}/open (owner root, mode 0777) is writable by group or others, who could replace {program}", $"fix: chmod go-w {dir}/open");
    }

    [Theory]
    [InlineData("hpcmaint-health")]
    [InlineData("hpcmaint-reboot")]
    public async Task A_clouds_yaml_with_a_password_readable_by_others_is_refused(string hook)
    {
        var clouds = Path.Combine(dir, "etc", "clouds.yaml");
        File.WriteAllText(clouds, "clouds:\n  site:\n    auth:\n      auth_url: http://127.0.0.1:1/v3\n      username: hpcmaint\n      password: s3cret\n");
        File.SetUnixFileMode(clouds, Mode644);
        var config = WriteConfig(Path.Combine(dir, "etc", "hpcmaint.toml"), Program, $"[openstack]\ncloud = \"site\"\nclouds_file = \"{clouds}\"\n");

        var result = await RunHookAsync(hook, config);

        AssertNothingRan(result, $"openstack.clouds_file: the credentials file {clouds} (owner root, mode 0644) holds a password or application credential and is readable by group or others; fix: chmod go-rwx {clouds}");
    }

    [Theory]
    [InlineData("hpcmaint-health")]
    [InlineData("hpcmaint-reboot")]
    public async Task A_link_in_place_of_the_journal_is_refused_and_its_target_left_untouched(string hook)
    {
        File.CreateSymbolicLink(Journal, Victim);
        var config = WriteConfig(Path.Combine(dir, "etc", "hpcmaint.toml"), Program);

        var result = await RunHookAsync(hook, config);

        Assert.True(File.Exists(Journal) && new FileInfo(Journal).LinkTarget == Victim);
        File.Delete(Journal);
        AssertNothingRan(result, $"{config}:2: audit.journal: the state file {Journal} is a symbolic link (to {Victim})", $"fix: rm {Journal}");
    }

    [Fact]
    public async Task A_link_in_place_of_the_health_state_file_is_refused_and_its_target_left_untouched()
    {
        var state = Path.Combine(dir, "var", "state-n1.json");
        File.CreateSymbolicLink(state, Victim);
        var config = WriteConfig(Path.Combine(dir, "etc", "hpcmaint.toml"), Program);

        var result = await RunHookAsync("hpcmaint-health", config);

        AssertNothingRan(result, $"the state file {state} is a symbolic link (to {Victim})", $"fix: rm {state}", "nothing was done");
    }

    [Theory]
    [InlineData("images/rocky9")]
    [InlineData("../../etc/passwd")]
    [InlineData("rocky 9")]
    [InlineData("rocky9;reboot")]
    [InlineData("$(reboot)")]
    public async Task An_image_name_with_a_slash_dot_dot_space_or_shell_character_is_refused(string image)
    {
        var config = WriteConfig(Path.Combine(dir, "etc", "hpcmaint.toml"), Program, $"[openstack]\ncloud = \"site\"\nimage = \"{image}\"\n");

        var health = await RunHookAsync("hpcmaint-health", config);
        var reboot = await RunHookAsync("hpcmaint-reboot", config);
        var rebuild = await new ProcessRunner(TimeProvider.System).RunAsync(Command.For(Executables.Hpcmaint)
            .WithArguments(["rebuild", "--nodes", "n1", "--image", image, "--config", Path.Combine(dir, "etc", "none.toml")]));

        var said = $"openstack.image: \"{image}\" is not an image name hpcmaint accepts: write the image's ID, or a name of letters, digits";
        AssertNothingRan(health, $"{config}:12: {said}");
        AssertNothingRan(reboot, $"{config}:12: {said}");
        AssertNothingRan(rebuild, $"hpcmaint rebuild: --image \"{image}\" is not an image name hpcmaint accepts");
    }

    [Fact]
    public async Task Config_check_lists_every_permission_problem_of_a_deliberately_bad_installation_at_once()
    {
        var open = Path.Combine(dir, "open");
        var program = Path.Combine(open, "touch");
        File.Copy(Program, program);
        File.SetUnixFileMode(program, Mode777);
        var clouds = Path.Combine(open, "clouds.yaml");
        File.WriteAllText(clouds, "clouds:\n  site:\n    auth:\n      password: s3cret\n");
        File.SetUnixFileMode(clouds, Mode644);
        File.CreateSymbolicLink(Journal, Victim);
        var config = Path.Combine(open, "hpcmaint.toml");
        File.WriteAllText(config, $"""
            [audit]
            journal = "{Journal}"
            [reboot]
            command = ["{program}"]
            work_dir = "{open}/reboot"
            [rebuild]
            gate = ["{Program}"]
            state_dir = "{open}"
            [openstack]
            cloud = "site"
            clouds_file = "{clouds}"
            """);
        File.SetUnixFileMode(config, Mode666);

        var result = await new ProcessRunner(TimeProvider.System).RunAsync(Command.For(Executables.Hpcmaint).WithArguments(["config", "check", "--config", config]));

        Assert.Equal(2, result.ExitCode);
        var lines = result.StandardError.Trim().Split('\n');
        Assert.Equal(
            [$"{config}: file:", $"{config}:2: audit.journal:", $"{config}:4: reboot.command:", $"{config}:5: reboot.work_dir:", $"{config}:8: rebuild.state_dir:", $"{config}:11: openstack.clouds_file:", "6 problems in the configuration; nothing was done."],
            lines.Select(l => l.StartsWith("6 problems", StringComparison.Ordinal) ? l : string.Join(' ', l.Split(' ').Take(2))));
        Assert.Contains($"the program {program} (owner root, mode 0777) is writable by group or others", lines[2], StringComparison.Ordinal);
        Assert.Contains($"fix: chmod go-w {open}", lines[3], StringComparison.Ordinal);
        Assert.Contains($"fix: chmod go-w {open}", lines[4], StringComparison.Ordinal);
    }
}
