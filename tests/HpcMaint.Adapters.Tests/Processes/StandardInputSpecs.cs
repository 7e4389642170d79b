using HpcMaint.Adapters.Processes;

namespace HpcMaint.Adapters.Tests.Processes;

public sealed class StandardInputSpecs
{
    private readonly ProcessRunner _runner = new(TimeProvider.System);

    [Fact(Timeout = 15000)]
    public async Task Standard_input_reaches_the_child_as_utf8()
    {
        // Arrange
        var command = Command.For("/bin/cat").WithStandardInput("line one\nzwei: grüße ✓\n");

        // Act
        var result = await _runner.RunAsync(command);

        // Assert
        Assert.True(result.IsSuccess);
        Assert.Equal("line one\nzwei: grüße ✓\n", result.StandardOutput);
    }

    [Fact(Timeout = 30000)]
    public async Task A_large_input_echoed_back_does_not_deadlock()
    {
        // Arrange: cat writes back while we are still writing, so input and output must flow at the same time.
        var input = new string('x', 5 * 1024 * 1024);
        var command = Command.For("/bin/cat").WithStandardInput(input);

        // Act
        var result = await _runner.RunAsync(command);

        // Assert
        Assert.True(result.IsSuccess);
        Assert.Equal(input.Length, result.StandardOutput.Length);
    }

    [Fact(Timeout = 15000)]
    public async Task A_child_that_never_reads_its_input_still_finishes_normally()
    {
        // Arrange
        var command = Command.For("/bin/true").WithStandardInput(new string('x', 1024 * 1024));

        // Act
        var result = await _runner.RunAsync(command);

        // Assert
        Assert.True(result.IsSuccess);
    }

    [Fact(Timeout = 15000)]
    public async Task Without_input_the_child_reads_end_of_file_at_once()
    {
        // Act
        var result = await _runner.RunAsync(Command.For("/bin/cat").WithTimeout(TimeSpan.FromSeconds(5)));

        // Assert
        Assert.True(result.IsSuccess);
        Assert.Equal(string.Empty, result.StandardOutput);
    }
}
