namespace HpcMaint.Adapters.Processes;

/// <summary>
/// What happened when a <see cref="Processes.Command"/> ran. <see cref="ExitCode"/> follows the shell's
/// conventions: 128 + signal for a killed program, 127 for a program that was not found, 126 for one that
/// could not be executed, -1 where no status is known.
/// </summary>
public sealed record CommandResult(
    Command Command,
    CommandOutcome Outcome,
    int ExitCode,
    string StandardOutput,
    string StandardError,
    DateTimeOffset StartTime,
    DateTimeOffset ExitTime)
{
    /// <summary>The program exited on its own with status 0.</summary>
    public bool IsSuccess => Outcome == CommandOutcome.Exited && ExitCode == 0;

    /// <summary>Standard output or error ran past <see cref="Processes.Command.OutputLimit"/>; the text holds only its start.</summary>
    public bool OutputTruncated { get; init; }

    public TimeSpan RunTime => ExitTime - StartTime;

    /// <summary>
    /// How it ended, for a person: "exit 0", else "exit 3" or "timedout" with the last line it wrote (standard error
    /// first), e.g. "exit 1: gpu0: 12 uncorrectable ECC errors".
    /// </summary>
    public string Ending()
    {
        if (IsSuccess)
        {
            return "exit 0";
        }

        var how = Outcome == CommandOutcome.Exited ? "exit " + ExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture) : Outcome.ToString().ToLowerInvariant();
        return (LastLine(StandardError) ?? LastLine(StandardOutput)) is { } said ? $"{how}: {said}" : how;
    }

    private static string? LastLine(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
}
