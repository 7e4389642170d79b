using HpcMaint.Adapters.Processes;
using HpcMaint.Adapters.Tests.Processes.Support;

namespace HpcMaint.Adapters.Tests.Processes;

public sealed class WorkingDirectorySpecs
{
    private readonly ProcessRunner _runner = new(TimeProvider.System);

    [Fact(Timeout = 15000)]
    public async Task The_child_starts_in_the_working_directory_given()
    {
        // Arrange
        using var directory = new TestDirectory();

        // Act
        var result = await _runner.RunAsync(Command.For("/bin/pwd").WithWorkingDirectory(directory.Path));

        // Assert
        Assert.True(result.IsSuccess, result.StandardError);
        Assert.Equal(directory.Path + "\n", result.StandardOutput);
    }

    [Fact(Timeout = 15000)]
    public async Task Without_a_working_directory_the_child_starts_in_ours()
    {
        // Act
        var result = await _runner.RunAsync(Command.For("/bin/pwd"));

        // Assert
        Assert.Equal(Directory.GetCurrentDirectory() + "\n", result.StandardOutput);
    }
}
