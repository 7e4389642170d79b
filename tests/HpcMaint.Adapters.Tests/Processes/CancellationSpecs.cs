using System.Globalization;
using HpcMaint.Adapters.Processes;
using HpcMaint.Adapters.Tests.Processes.Support;

namespace HpcMaint.Adapters.Tests.Processes;

public sealed class CancellationSpecs
{
    private readonly ProcessRunner _runner = new(TimeProvider.System);

    [Fact(Timeout = 30000)]
    public async Task Cancelling_terminates_the_command_and_everything_it_started()
    {
        // Arrange
        var command = Command.For("/bin/sh")
            .WithArguments(["-c", "/bin/sleep 300 & echo $!; wait"])
            .WithGracePeriod(TimeSpan.FromMilliseconds(500));
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(500), TimeProvider.System);
        var grandchild = 0;

        try
        {
            // Act
            var result = await _runner.RunAsync(command, cancellation.Token);
            grandchild = int.Parse(result.StandardOutput.Trim(), CultureInfo.InvariantCulture);

            // Assert
            Assert.Equal(CommandOutcome.Cancelled, result.Outcome);
            Assert.False(result.IsSuccess);
            Assert.True(await ProcessTable.WaitUntilGoneAsync(grandchild, TimeSpan.FromSeconds(2)), "the grandchild survived");
        }
        finally
        {
            ProcessTable.KillIfRunning(grandchild, "sleep");
        }
    }

    [Fact(Timeout = 15000)]
    public async Task A_command_cancelled_before_it_starts_is_never_run()
    {
        // Arrange
        using var directory = new TestDirectory();
        var marker = Path.Join(directory.Path, "ran");
        var command = Command.For("/usr/bin/touch").WithArguments([marker]);

        // Act
        var result = await _runner.RunAsync(command, new CancellationToken(canceled: true));

        // Assert
        Assert.Equal(CommandOutcome.Cancelled, result.Outcome);
        Assert.False(File.Exists(marker));
    }
}
