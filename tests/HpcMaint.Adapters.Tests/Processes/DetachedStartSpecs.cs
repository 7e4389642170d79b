using HpcMaint.Adapters.Processes;
using HpcMaint.Adapters.Tests.Processes.Support;

namespace HpcMaint.Adapters.Tests.Processes;

public sealed class DetachedStartSpecs
{
    [Fact(Timeout = 15000)]
    public async Task A_detached_command_runs_on_in_a_session_of_its_own()
    {
        // Arrange
        var ours = ProcessTable.Read(Environment.ProcessId)!;
        var command = Command.For("/bin/sleep").WithArguments(["300"]);
        var pid = 0;

        try
        {
            // Act
            var start = ProcessRunner.StartDetached(command);
            pid = start.ProcessId;
            await Task.Delay(TimeSpan.FromMilliseconds(300), TimeProvider.System);
            var stat = ProcessTable.Read(pid);

            // Assert
            Assert.True(start.IsStarted, start.FailureReason);
            Assert.NotNull(stat);
            Assert.Equal("sleep", stat.Name);
            Assert.NotEqual('Z', stat.State);
            Assert.Equal(pid, stat.Session);
            Assert.Equal(pid, stat.ProcessGroup);
            Assert.NotEqual(ours.Session, stat.Session);
        }
        finally
        {
            ProcessTable.KillIfRunning(pid, "sleep");
        }
    }

    [Fact(Timeout = 15000)]
    public async Task A_detached_command_writes_both_output_streams_to_the_file_given()
    {
        // Arrange
        using var directory = new TestDirectory();
        var log = Path.Join(directory.Path, "rebuild.log");
        await File.WriteAllTextAsync(log, "earlier\n");
        var command = Command.For("/bin/sh").WithArguments(["-c", "echo out; echo err >&2"]);

        // Act
        var start = ProcessRunner.StartDetached(command, log);
        await ProcessTable.WaitUntilGoneAsync(start.ProcessId, TimeSpan.FromSeconds(5));

        // Assert
        Assert.True(start.IsStarted, start.FailureReason);
        Assert.Equal("earlier\nout\nerr\n", await File.ReadAllTextAsync(log));
    }

    [Fact(Timeout = 15000)]
    public async Task A_detached_command_gets_clean_signal_state_and_no_standard_input()
    {
        // Arrange
        using var directory = new TestDirectory();
        var log = Path.Join(directory.Path, "state.log");
        var command = Command.For("/bin/sh")
            .WithArguments(["-c", "grep -E '^Sig(Blk|Ign):' /proc/self/status; cat; echo \"input done\""]);

        // Act
        ProcessRunner.StartDetached(command, log);
        await WaitForLineAsync(log, "input done");

        // Assert
        Assert.Equal("SigBlk:\t0000000000000000\nSigIgn:\t0000000000000000\ninput done\n", SignalState.WithoutGlibcOwn(await File.ReadAllTextAsync(log)));
    }

    [Fact]
    public void A_detached_command_that_cannot_start_says_why()
    {
        // Act
        var start = ProcessRunner.StartDetached(Command.For("hpcmaint-no-such-program"));

        // Assert
        Assert.False(start.IsStarted);
        Assert.Contains("not found in PATH=", start.FailureReason, StringComparison.Ordinal);
    }

    private static async Task WaitForLineAsync(string path, string line)
    {
        for (var attempt = 0; attempt < 250; attempt++)
        {
            if (File.Exists(path) && (await File.ReadAllTextAsync(path)).Contains(line, StringComparison.Ordinal))
            {
                return;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(20), TimeProvider.System);
        }
    }
}
