using HpcMaint.Adapters.Processes;
using HpcMaint.Adapters.Tests.Processes.Support;

namespace HpcMaint.Adapters.Tests.Processes;

public sealed class FailedToStartSpecs
{
    private readonly ProcessRunner _runner = new(TimeProvider.System);

    [Fact(Timeout = 15000)]
    public async Task A_program_missing_from_PATH_fails_to_start_with_the_reason_in_standard_error()
    {
        // Act
        var result = await _runner.RunAsync(Command.For("hpcmaint-no-such-program"));

        // Assert
        Assert.Equal(CommandOutcome.FailedToStart, result.Outcome);
        Assert.Equal(127, result.ExitCode);
        Assert.False(result.IsSuccess);
        Assert.Contains("hpcmaint-no-such-program", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("not found in PATH=", result.StandardError, StringComparison.Ordinal);
    }

    [Fact(Timeout = 15000)]
    public async Task A_missing_program_path_fails_to_start()
    {
        // Act
        var result = await _runner.RunAsync(Command.For("/nonexistent/hpcmaint-tool"));

        // Assert
        Assert.Equal(CommandOutcome.FailedToStart, result.Outcome);
        Assert.Equal(127, result.ExitCode);
        Assert.Contains("/nonexistent/hpcmaint-tool", result.StandardError, StringComparison.Ordinal);
    }

    [Fact(Timeout = 15000)]
    public async Task A_file_that_is_not_executable_fails_to_start()
    {
        // Arrange
        using var directory = new TestDirectory();
        var path = Path.Join(directory.Path, "plain");
        await File.WriteAllTextAsync(path, "#!/bin/sh\nexit 0\n");

        // Act
        var byPath = await _runner.RunAsync(Command.For(path));
        var byName = await _runner.RunAsync(
            Command.For("plain").WithEnvironment(new Dictionary<string, string?> { ["PATH"] = directory.Path }));

        // Assert
        Assert.Equal(CommandOutcome.FailedToStart, byPath.Outcome);
        Assert.Equal(126, byPath.ExitCode);
        Assert.Equal(CommandOutcome.FailedToStart, byName.Outcome);
        Assert.Contains("is not executable", byName.StandardError, StringComparison.Ordinal);
    }

    [Fact(Timeout = 15000)]
    public async Task A_missing_working_directory_fails_to_start()
    {
        // Act
        var result = await _runner.RunAsync(Command.For("/bin/true").WithWorkingDirectory("/nonexistent/hpcmaint"));

        // Assert
        Assert.Equal(CommandOutcome.FailedToStart, result.Outcome);
        Assert.Contains("/nonexistent/hpcmaint", result.StandardError, StringComparison.Ordinal);
    }
}
