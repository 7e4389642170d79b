using HpcMaint.Adapters.Processes;

namespace HpcMaint.Integration.Tests.Executables;

/// <summary>The hooks as slurmd runs them: no arguments, only SLURMD_NODENAME, no PATH, no SLURM_CONF.</summary>
public sealed class HealthProgramSpecs : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("hpcmaint-health-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private static Task<CommandResult> RunAsHookAsync(string program, IReadOnlyDictionary<string, string?> environment, params string[] args) =>
        new ProcessRunner(TimeProvider.System).RunAsync(
            Command.For(program).WithArguments(args).WithCleanEnvironment().WithEnvironment(environment));

    [Fact]
    public async Task Started_like_slurmd_starts_it_it_runs_the_checks_for_its_node_and_logs_one_line()
    {
        var config = Path.Combine(dir, "hpcmaint.toml");
        File.WriteAllText(config, $"""
            [audit]
            journal = "{dir}/audit.jsonl"
            [health]
            state_file = "{dir}/state.json"
            [[health.check]]
            check = "fs.mount"
            path = "/"
            """);

        var result = await RunAsHookAsync(Executables.Health, new Dictionary<string, string?> { ["SLURMD_NODENAME"] = "gpu042", ["HPCMAINT_CONFIG"] = config });

        Assert.Equal(0, result.ExitCode);
        var line = result.StandardError.Trim().Split('\n')[0];
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z info hpcmaint-health: node gpu042: 1 checks, 0 failing in \d+ ms$", line);
    }

    [Theory]
    [InlineData("hpcmaint-health")]
    [InlineData("hpcmaint-reboot")]
    public async Task A_bad_config_stops_a_hook_with_exit_2_and_every_problem_named(string hook)
    {
        // The bad command is a relative path (the mistake) to an inert program: were the check to regress, nothing reboots.
        var config = Path.Combine(dir, "bad.toml");
        File.WriteAllText(config, "[reboot]\ncommand = [\"bin/true\"]\n[logging]\nlevel = \"loud\"\n");
        var program = hook == "hpcmaint-health" ? Executables.Health : Executables.Reboot;

        var result = await RunAsHookAsync(program, new Dictionary<string, string?> { ["SLURMD_NODENAME"] = "n1" }, "--config", config);

        Assert.Equal(2, result.ExitCode);
        var lines = result.StandardError.Trim().Split('\n');
        Assert.Equal(2, lines.Length);
        Assert.StartsWith($"{hook}: {config}:2: reboot.command:", lines[0], StringComparison.Ordinal);
        Assert.StartsWith($"{hook}: {config}:4: logging.level:", lines[1], StringComparison.Ordinal);
    }
}
