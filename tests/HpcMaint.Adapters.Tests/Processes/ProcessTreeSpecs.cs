using HpcMaint.Adapters.Processes;
using HpcMaint.Adapters.Tests.Processes.Support;

namespace HpcMaint.Adapters.Tests.Processes;

public sealed class ProcessTreeSpecs
{
    private readonly ProcessRunner _runner = new(TimeProvider.System);

    [Fact(Timeout = 120000)]
    public async Task A_hung_tool_and_the_children_it_forks_even_into_a_new_session_are_all_gone_after_50_timeouts()
    {
        // Arrange: the tool hangs on two children; one calls setsid, leaving the tool's process group.
        using var directory = new TestDirectory();
        var script = directory.Script("hangs", """
            /usr/bin/setsid /bin/sleep 300 &
            /bin/sleep 300 &
            wait
            """);
        var marker = MarkedProcesses.NewMarker();
        var command = Command.For(script)
            .WithEnvironment(new Dictionary<string, string?> { [MarkedProcesses.Variable] = marker })
            .WithTimeout(TimeSpan.FromMilliseconds(200))
            .WithGracePeriod(TimeSpan.FromMilliseconds(100));

        try
        {
            // Act
            for (var run = 0; run < 50; run++)
            {
                var result = await _runner.RunAsync(command);
                Assert.Equal(CommandOutcome.TimedOut, result.Outcome);
            }

            // Assert
            Assert.True(
                await MarkedProcesses.WaitUntilNoneAsync(marker, TimeSpan.FromSeconds(10)),
                $"left running: {string.Join(", ", MarkedProcesses.Find(marker))}");
        }
        finally
        {
            MarkedProcesses.KillAll(marker);
        }
    }

    [Fact(Timeout = 30000)]
    public async Task Output_past_the_limit_is_drained_and_dropped_and_the_result_says_so()
    {
        // Arrange: 3 MiB to standard output; a child blocked on a full pipe would never exit.
        var command = Command.For("/bin/sh")
            .WithArguments(["-c", "/usr/bin/head -c 3145728 /dev/zero | /usr/bin/tr '\\0' x"])
            .WithOutputLimit(1 << 20);

        // Act
        var result = await _runner.RunAsync(command);

        // Assert
        Assert.Equal(CommandOutcome.Exited, result.Outcome);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(1 << 20, result.StandardOutput.Length);
        Assert.True(result.OutputTruncated);
    }

    [Fact(Timeout = 30000)]
    public async Task Output_within_the_limit_is_whole_and_not_marked_truncated()
    {
        var result = await _runner.RunAsync(Command.For("/bin/echo").WithArguments(["héllo"]).WithOutputLimit(7));

        Assert.Equal("héllo\n", result.StandardOutput);
        Assert.False(result.OutputTruncated);
    }
}
