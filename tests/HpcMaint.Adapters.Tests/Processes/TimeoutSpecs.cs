using System.Globalization;
using HpcMaint.Adapters.Processes;
using HpcMaint.Adapters.Tests.Processes.Support;

namespace HpcMaint.Adapters.Tests.Processes;

public sealed class TimeoutSpecs
{
    private readonly ProcessRunner _runner = new(TimeProvider.System);

    [Fact(Timeout = 30000)]
    public async Task A_timeout_kills_a_child_that_ignores_SIGTERM_and_its_grandchild()
    {
        // Arrange: both the script and its background sleep ignore SIGTERM (an ignored signal survives exec).
        using var directory = new TestDirectory();
        var script = directory.Script("stubborn", """
            trap '' TERM
            /bin/sleep 300 &
            echo "grandchild $!"
            echo "child $$"
            wait
            """);
        // 3 s: on a loaded machine bash may take over half a second to reach its trap and print both pids.
        var command = Command.For(script)
            .WithTimeout(TimeSpan.FromSeconds(3))
            .WithGracePeriod(TimeSpan.FromMilliseconds(500));
        var pids = new Dictionary<string, int>();

        try
        {
            // Act
            var result = await _runner.RunAsync(command);
            pids = ReadPids(result.StandardOutput);

            // Assert
            Assert.Equal(CommandOutcome.TimedOut, result.Outcome);
            Assert.Equal(128 + 9, result.ExitCode);
            Assert.False(result.IsSuccess);
            Assert.True(result.RunTime >= TimeSpan.FromMilliseconds(3400), $"ran {result.RunTime}");
            Assert.True(ProcessTable.IsGone(pids["child"]), "the child survived");
            Assert.True(await ProcessTable.WaitUntilGoneAsync(pids["grandchild"], TimeSpan.FromSeconds(2)), "the grandchild survived");
        }
        finally
        {
            foreach (var pid in pids.Values)
            {
                ProcessTable.KillIfRunning(pid, "sleep");
                ProcessTable.KillIfRunning(pid, "stubborn");
            }
        }
    }

    [Fact(Timeout = 30000)]
    public async Task A_child_that_traps_SIGTERM_cleans_up_and_exits_within_the_grace_period()
    {
        // Arrange
        using var directory = new TestDirectory();
        var script = directory.Script("tidy", """
            trap 'echo "cleaned up"; exit 0' TERM
            /bin/sleep 300 &
            echo "helper $!"
            wait
            """);
        var command = Command.For(script)
            .WithTimeout(TimeSpan.FromMilliseconds(500))
            .WithGracePeriod(TimeSpan.FromSeconds(20));
        var helper = 0;

        try
        {
            // Act
            var result = await _runner.RunAsync(command);
            helper = ReadPids(result.StandardOutput)["helper"];

            // Assert
            Assert.Equal(CommandOutcome.TimedOut, result.Outcome);
            Assert.Equal(0, result.ExitCode);
            Assert.EndsWith("cleaned up\n", result.StandardOutput, StringComparison.Ordinal);
            Assert.True(result.RunTime < TimeSpan.FromSeconds(10), $"ran {result.RunTime}: SIGTERM was not acted on");
            Assert.True(ProcessTable.IsGone(helper), "the background helper outlived the command");
        }
        finally
        {
            ProcessTable.KillIfRunning(helper, "sleep");
        }
    }

    [Fact(Timeout = 30000)]
    public async Task A_timeout_keeps_the_output_that_arrived_before_it()
    {
        // Arrange
        var command = Command.For("/bin/sh")
            .WithArguments(["-c", "echo partial; echo warning >&2; exec /bin/sleep 300"])
            .WithTimeout(TimeSpan.FromMilliseconds(500));

        // Act
        var result = await _runner.RunAsync(command);

        // Assert
        Assert.Equal(CommandOutcome.TimedOut, result.Outcome);
        Assert.Equal(128 + 15, result.ExitCode);
        Assert.Equal("partial\n", result.StandardOutput);
        Assert.Equal("warning\n", result.StandardError);
    }

    [Fact(Timeout = 30000)]
    public async Task The_timeout_runs_on_the_injected_clock()
    {
        // Arrange
        var clock = new ManualTimeProvider(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
        var runner = new ProcessRunner(clock);
        var command = Command.For("/bin/sleep").WithArguments(["300"]).WithTimeout(TimeSpan.FromMinutes(10));

        // Act: the child is running once RunAsync returns its task; only the fake clock moves.
        var running = runner.RunAsync(command);
        await Task.Delay(TimeSpan.FromMilliseconds(200), TimeProvider.System);
        var finishedBeforeTheClockMoved = running.IsCompleted;
        clock.Advance(TimeSpan.FromMinutes(10));
        var result = await running;

        // Assert
        Assert.False(finishedBeforeTheClockMoved);
        Assert.Equal(CommandOutcome.TimedOut, result.Outcome);
        Assert.Equal(128 + 15, result.ExitCode);
        Assert.Equal(TimeSpan.FromMinutes(10), result.RunTime);
    }

    private static Dictionary<string, int> ReadPids(string output) =>
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' '))
            .Where(parts => parts.Length == 2 && parts[1].All(char.IsAsciiDigit))
            .ToDictionary(parts => parts[0], parts => int.Parse(parts[1], CultureInfo.InvariantCulture));
}
