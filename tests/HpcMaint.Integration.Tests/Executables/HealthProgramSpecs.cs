using HpcMaint.Adapters.Processes;
using HpcMaint.Adapters.Tests.Processes.Support;

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

    /// <summary>
    /// slurmd and slurmctld may start a hook with SIGCHLD ignored or blocked and SIGTERM blocked. Ignored, the
    /// kernel reaps the hook's children; blocked, their exits are never heard; either way a command would wait
    /// forever. A blocked SIGTERM passed on to a tool would keep it alive past its timeout.
    /// </summary>
    [Fact(Timeout = 120000)]
    public async Task Started_with_SIGCHLD_ignored_and_blocked_and_SIGTERM_blocked_its_tools_exit_codes_signals_and_timeouts_still_count()
    {
        var exits = Tool("exits3", "echo tool out\nexit 3");
        var dies = Tool("dies", "kill -KILL $$");
        var hangs = Tool("hangs", "/bin/sleep 300 &\nwait");
        var config = Path.Combine(dir, "hpcmaint.toml");
        File.WriteAllText(config, $"""
            [audit]
            journal = "{dir}/audit.jsonl"
            [health]
            state_file = "{dir}/state.json"
            budget = "20s"
            slurm_timeout = "200ms"
            [[health.check]]
            check = "cmd"
            argv = ["{exits}"]
            [[health.check]]
            check = "cmd"
            argv = ["{dies}"]
            [[health.check]]
            check = "cmd"
            argv = ["{hangs}"]
            timeout = "300ms"
            """);
        var marker = MarkedProcesses.NewMarker();
        var environment = new Dictionary<string, string?> { ["SLURMD_NODENAME"] = "gpu042", ["HPCMAINT_CONFIG"] = config, [MarkedProcesses.Variable] = marker };
        const string Hostile = "use POSIX; $SIG{CHLD} = 'IGNORE'; sigprocmask(SIG_BLOCK, POSIX::SigSet->new(SIGCHLD, SIGTERM)); exec(@ARGV) or POSIX::_exit(127);";

        try
        {
            var result = await RunAsHookAsync("/usr/bin/perl", environment, "-e", Hostile, Executables.Health, "--once", "--dry-run");

            Assert.Equal(0, result.ExitCode);
            Assert.Contains("cmd.exits3: exit 3 vs exit 0", result.StandardOutput, StringComparison.Ordinal);
            Assert.Contains($"{dies} was killed by signal 9 ", result.StandardOutput, StringComparison.Ordinal);
            Assert.Matches("cmd#3 +ERROR .*(no answer|was stopped)", result.StandardOutput);
            Assert.True(
                await MarkedProcesses.WaitUntilNoneAsync(marker, TimeSpan.FromSeconds(10)),
                $"left running: {string.Join(", ", MarkedProcesses.Find(marker))}");
        }
        finally
        {
            MarkedProcesses.KillAll(marker);
        }
    }

    [Fact(Timeout = 300000)]
    public async Task A_check_tool_that_hangs_with_children_that_leave_its_session_leaves_nothing_running_after_50_runs()
    {
        // The tool's first child calls setsid; the second forks once the tool has been told to stop.
        var tool = Path.Combine(dir, "hangs");
        File.WriteAllText(tool, "#!/bin/sh\ntrap '/bin/sleep 300 & wait' TERM\n/usr/bin/setsid /bin/sleep 300 &\n/bin/sleep 300 &\nwait\n");
        File.SetUnixFileMode(tool, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var config = Path.Combine(dir, "hpcmaint.toml");
        File.WriteAllText(config, $"""
            [audit]
            journal = "{dir}/audit.jsonl"
            [health]
            state_file = "{dir}/state.json"
            budget = "3s"
            slurm_timeout = "200ms"
            [[health.check]]
            check = "cmd"
            argv = ["{tool}"]
            timeout = "200ms"
            """);
        var marker = MarkedProcesses.NewMarker();
        var environment = new Dictionary<string, string?> { ["SLURMD_NODENAME"] = "gpu042", ["HPCMAINT_CONFIG"] = config, [MarkedProcesses.Variable] = marker };

        try
        {
            for (var run = 0; run < 50; run++)
            {
                var result = await RunAsHookAsync(Executables.Health, environment, "--once", "--dry-run");

                Assert.Equal(0, result.ExitCode);
                // Either the runner's "no answer" or the tool's own result, cut to a 60-character snippet by the cmd check.
                Assert.Matches("(no answer|was stopped): the check", result.StandardOutput);
            }

            Assert.True(
                await MarkedProcesses.WaitUntilNoneAsync(marker, TimeSpan.FromSeconds(10)),
                $"left running: {string.Join(", ", MarkedProcesses.Find(marker))}");
        }
        finally
        {
            MarkedProcesses.KillAll(marker);
        }
    }

    private string Tool(string name, string body)
    {
        var path = Path.Combine(dir, name);
        File.WriteAllText(path, "#!/bin/sh\n" + body + "\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }
}
