using HpcMaint.Adapters.Processes;

namespace HpcMaint.Adapters.Tests.Processes;

public sealed class ArgumentSpecs
{
    private static readonly string[] Awkward =
        ["two words", "", "it's", "\"double\"", "$HOME", "*", "a;b|c", "back\\slash", "new\nline", "tab\there", "ünïcødé ✓", "-n"];

    private readonly ProcessRunner _runner = new(TimeProvider.System);

    [Fact(Timeout = 15000)]
    public async Task Arguments_with_spaces_quotes_and_empty_strings_arrive_verbatim()
    {
        // Arrange
        var command = Command.For("/usr/bin/printf").WithArguments(["<%s>\n", .. Awkward]);

        // Act
        var result = await _runner.RunAsync(command);

        // Assert
        Assert.Equal(CommandOutcome.Exited, result.Outcome);
        Assert.Equal(string.Concat(Awkward.Select(a => $"<{a}>\n")), result.StandardOutput);
    }

    [Fact(Timeout = 15000)]
    public async Task The_rendered_command_line_reads_back_in_a_shell_as_the_same_arguments()
    {
        // Arrange: the shell here is the child under test, checking the display form, not how commands run.
        var rendered = Command.For("printf").WithArguments(["<%s>\n", .. Awkward]).ToString();
        var command = Command.For("/bin/sh").WithArguments(["-c", rendered]);

        // Act
        var result = await _runner.RunAsync(command);

        // Assert
        Assert.Equal(string.Concat(Awkward.Select(a => $"<{a}>\n")), result.StandardOutput);
    }

    [Fact(Timeout = 15000)]
    public async Task The_program_name_as_given_is_argv0()
    {
        // Arrange
        var command = Command.For("sh").WithArguments(["-c", "echo \"$0\""]);

        // Act
        var result = await _runner.RunAsync(command);

        // Assert
        Assert.Equal("sh\n", result.StandardOutput);
    }
}
