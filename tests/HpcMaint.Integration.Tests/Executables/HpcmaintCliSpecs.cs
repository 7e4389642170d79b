using HpcMaint.Adapters.Processes;

namespace HpcMaint.Integration.Tests.Executables;

/// <summary>The `hpcmaint` executable as an admin runs it.</summary>
public sealed class HpcmaintCliSpecs : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("hpcmaint-cli-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private static async Task<CommandResult> RunAsync(string stdin, params string[] args)
    {
        var command = Command.For(Executables.Hpcmaint).WithArguments(args)
            .WithEnvironment(new Dictionary<string, string?> { ["HPCMAINT_CONFIG"] = null });
        if (stdin.Length > 0)
        {
            command = command.WithStandardInput(stdin);
        }

        return await new ProcessRunner(TimeProvider.System).RunAsync(command);
    }

    [Fact]
    public async Task A_config_with_three_mistakes_exits_2_listing_three_errors_with_file_and_line()
    {
        var path = Path.Combine(dir, "bad.toml");
        File.WriteAllText(path, "[slurm]\nbin_dir = \"usr/bin\"\ncommand_timeout = \"ten\"\n\n[loging]\nlevel = \"info\"\n");

        var result = await RunAsync(string.Empty, "config", "check", "--config", path);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(string.Empty, result.StandardOutput);
        var lines = result.StandardError.Trim().Split('\n');
        Assert.Equal(4, lines.Length);
        Assert.StartsWith(path + ":2: slurm.bin_dir:", lines[0], StringComparison.Ordinal);
        Assert.StartsWith(path + ":3: slurm.command_timeout:", lines[1], StringComparison.Ordinal);
        Assert.StartsWith(path + ":5: loging:", lines[2], StringComparison.Ordinal);
        Assert.Equal("3 problems in the configuration; nothing was done.", lines[3]);
    }

    [Fact]
    public async Task Config_check_prints_the_effective_config_which_reads_back_the_same()
    {
        var path = Path.Combine(dir, "ok.toml");
        File.WriteAllText(path, "[slurm]\nconf = \"/etc/slurm/slurm.conf\"\n");

        var first = await RunAsync(string.Empty, "config", "check", "--config", path);
        var effective = Path.Combine(dir, "effective.toml");
        File.WriteAllText(effective, first.StandardOutput);
        var second = await RunAsync(string.Empty, "config", "check", "--config", effective);
        var json = await RunAsync(string.Empty, "config", "check", "--config", path, "--json");

        Assert.Equal(0, first.ExitCode);
        Assert.Contains("conf = \"/etc/slurm/slurm.conf\"", first.StandardOutput, StringComparison.Ordinal);
        Assert.Equal(first.StandardOutput.Split('\n').Skip(1), second.StandardOutput.Split('\n').Skip(1));
        Assert.Contains("\"command_timeout_seconds\": 10", json.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Config_decode_prints_tagged_json_and_exits_1_on_invalid_toml()
    {
        var valid = await RunAsync("answer = 42\n", "config", "decode");
        var invalid = await RunAsync("answer = \n", "config", "decode");

        Assert.Equal(0, valid.ExitCode);
        Assert.Contains("\"type\": \"integer\"", valid.StandardOutput, StringComparison.Ordinal);
        Assert.Equal(1, invalid.ExitCode);
        Assert.StartsWith("<stdin>:1:", invalid.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hostlist_commands_read_arguments_or_standard_input()
    {
        var compressed = await RunAsync("n3\nn1\nn2\ngpu008 gpu009\ngpu011\n", "hostlist", "compress");
        var expanded = await RunAsync(string.Empty, "hostlist", "expand", "r[1-2]n[01-02]");
        var malformed = await RunAsync(string.Empty, "hostlist", "expand", "n[3-1]");

        Assert.Equal("n[3,1-2],gpu[008-009,011]\n", compressed.StandardOutput);
        Assert.Equal("r1n01\nr1n02\nr2n01\nr2n02\n", expanded.StandardOutput);
        Assert.Equal(2, malformed.ExitCode);
        Assert.StartsWith("hpcmaint hostlist: ", malformed.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Version_and_help_work_without_a_config()
    {
        var version = await RunAsync(string.Empty, "--version");
        var help = await RunAsync(string.Empty, "--help");

        Assert.Equal(0, version.ExitCode);
        Assert.StartsWith("0.1.0", version.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("hostlist", help.StandardOutput, StringComparison.Ordinal);
    }
}
