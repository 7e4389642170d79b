using HpcMaint.Adapters.Processes;

namespace HpcMaint.Adapters.Tests.Processes;

public sealed class ExitCodeSpecs
{
    private readonly ProcessRunner _runner = new(TimeProvider.System);

    [Fact(Timeout = 15000)]
    public async Task A_program_that_exits_with_0_is_a_success()
    {
        // Act
        var result = await _runner.RunAsync(Command.For("/bin/true"));

        // Assert
        Assert.Equal(CommandOutcome.Exited, result.Outcome);
        Assert.Equal(0, result.ExitCode);
        Assert.True(result.IsSuccess);
    }

    [Fact(Timeout = 15000)]
    public async Task A_program_that_exits_non_zero_is_a_result_not_an_exception()
    {
        // Act
        var result = await _runner.RunAsync(Command.For("/bin/false"));

        // Assert
        Assert.Equal(CommandOutcome.Exited, result.Outcome);
        Assert.Equal(1, result.ExitCode);
        Assert.False(result.IsSuccess);
    }

    [Theory(Timeout = 15000)]
    [InlineData(2)]
    [InlineData(42)]
    [InlineData(255)]
    public async Task The_exit_status_is_reported_as_is(int status)
    {
        // Act
        var result = await _runner.RunAsync(Command.For("/bin/sh").WithArguments(["-c", $"exit {status}"]));

        // Assert
        Assert.Equal(CommandOutcome.Exited, result.Outcome);
        Assert.Equal(status, result.ExitCode);
    }

    [Fact(Timeout = 15000)]
    public async Task A_program_killed_by_a_signal_is_signaled_with_128_plus_the_signal()
    {
        // Act
        var result = await _runner.RunAsync(Command.For("/bin/sh").WithArguments(["-c", "kill -KILL $$"]));

        // Assert
        Assert.Equal(CommandOutcome.Signaled, result.Outcome);
        Assert.Equal(128 + 9, result.ExitCode);
        Assert.False(result.IsSuccess);
    }

    [Fact(Timeout = 15000)]
    public async Task Start_and_exit_times_come_from_the_time_provider()
    {
        // Arrange
        var clock = new Support.ManualTimeProvider(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
        var runner = new ProcessRunner(clock);

        // Act
        var result = await runner.RunAsync(Command.For("/bin/true"));

        // Assert
        Assert.Equal(clock.GetUtcNow(), result.StartTime);
        Assert.Equal(clock.GetUtcNow(), result.ExitTime);
        Assert.Equal(TimeSpan.Zero, result.RunTime);
    }
}
