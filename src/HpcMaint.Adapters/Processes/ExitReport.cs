using System.Text.RegularExpressions;

namespace HpcMaint.Adapters.Processes;

/// <summary>
/// How a command ended, read from what <see cref="StartWrapper"/>'s setsid passes on: the program's exit
/// status; or, for a program killed by a signal, the raw wait status as its own exit code and a line of its
/// own on standard error; or, for a program it could not execute, 126 or 127 and a line saying why.
/// </summary>
/// <remarks>
/// setsid's lines are matched in English: hpcmaint gives its commands no LANG (<see cref="EnvironmentBase.Minimal"/>).
/// With an inherited, translated locale a killed program reads as exited with its raw status.
/// </remarks>
internal static partial class ExitReport
{
    public static (CommandOutcome Outcome, int ExitCode, string StandardError) Read(int exitCode, string standardError)
    {
        if (exitCode is SpawnFailure.CannotExecute or SpawnFailure.NotFound && NotExecuted().Match(standardError) is { Success: true } failed)
        {
            return (CommandOutcome.FailedToStart, exitCode, failed.Groups["why"].Value);
        }

        if (exitCode != 0 && Killed().Matches(standardError) is { Count: > 0 } killed)
        {
            // The raw wait status: the signal in the low 7 bits, bit 7 for a core dump.
            var line = killed[^1];
            return (CommandOutcome.Signaled, 128 + (exitCode & 0x7f), standardError.Remove(line.Index, line.Length));
        }

        return (CommandOutcome.Exited, exitCode, standardError);
    }

    [GeneratedRegex(@"^setsid: child \d+ did not exit normally[^\n]*\n?", RegexOptions.Multiline)]
    private static partial Regex Killed();

    // Written before the program could write anything, and then nothing else is.
    [GeneratedRegex(@"\Asetsid: failed to execute (?<why>[^\n]*)\n?\z")]
    private static partial Regex NotExecuted();
}
