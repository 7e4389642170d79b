using HpcMaint.Adapters.Processes;

namespace HpcMaint.Adapters.Tests.Processes;

public sealed class OutputSpecs
{
    private const int TenMegabytes = 10 * 1024 * 1024;

    private readonly ProcessRunner _runner = new(TimeProvider.System);

    [Fact(Timeout = 60000)]
    public async Task Ten_megabytes_on_each_stream_are_captured_without_deadlock()
    {
        // Arrange: stderr is filled first; a runner that read stdout to the end before stderr would hang here.
        var command = Command.For("/bin/sh").WithArguments(
        [
            "-c",
            $"head -c {TenMegabytes} /dev/zero | tr '\\0' e >&2; head -c {TenMegabytes} /dev/zero | tr '\\0' o",
        ]);

        // Act
        var result = await _runner.RunAsync(command);

        // Assert
        Assert.True(result.IsSuccess);
        Assert.Equal(TenMegabytes, result.StandardOutput.Length);
        Assert.Equal(TenMegabytes, result.StandardError.Length);
        Assert.False(result.StandardOutput.AsSpan().ContainsAnyExcept('o'));
        Assert.False(result.StandardError.AsSpan().ContainsAnyExcept('e'));
    }

    [Fact(Timeout = 15000)]
    public async Task Standard_output_and_error_are_kept_apart_and_decoded_as_utf8()
    {
        // Arrange
        var command = Command.For("/bin/sh").WithArguments(["-c", "printf 'grüße ✓\\n'; printf 'fehler ✗\\n' >&2"]);

        // Act
        var result = await _runner.RunAsync(command);

        // Assert
        Assert.Equal("grüße ✓\n", result.StandardOutput);
        Assert.Equal("fehler ✗\n", result.StandardError);
    }
}
