using HpcMaint.Adapters.Processes;

namespace HpcMaint.Adapters.Slurm;

/// <summary>
/// Turns a finished Slurm command into a value or an error message that names the command, and tells
/// a controller that did not answer from a refusal (Fixtures/slurm-22.05/controller-*: slurmctld killed or stopped).
/// </summary>
internal static class SlurmErrors
{
    public const string Unreachable = "slurmctld is unreachable";

    // What the clients print when slurmctld is down ("… (connect failure)") or does not answer within
    // MessageTimeout; the last is what an RPC cut short by a dying slurmctld gets (slurm_errno.c).
    private static readonly string[] UnreachableTexts =
    [
        "Unable to contact slurm controller",
        "Socket timed out on send/recv operation",
        "Zero Bytes were transmitted or received",
    ];

    public static SlurmResult<string> Classify(CommandResult result)
    {
        var said = FirstLine(result.StandardError) ?? FirstLine(result.StandardOutput);
        return result.Outcome switch
        {
            CommandOutcome.Exited when result.ExitCode == 0 && !IsSilentRefusal(result) =>
                SlurmResult<string>.Success(result.StandardOutput, result),
            CommandOutcome.Exited when SaysUnreachable(result) =>
                SlurmResult<string>.Unreachable($"{Unreachable}: `{result.Command}` failed (exit {result.ExitCode}): {UnreachableLine(result)}", result),
            CommandOutcome.Exited =>
                SlurmResult<string>.Failure($"`{result.Command}` failed (exit {result.ExitCode}): {said ?? "no output"}", result),
            CommandOutcome.TimedOut =>
                SlurmResult<string>.Unreachable($"{Unreachable}: `{result.Command}` did not finish within {result.Command.Timeout.TotalSeconds:0.#} s", result),
            CommandOutcome.Cancelled =>
                SlurmResult<string>.Failure($"`{result.Command}` was cancelled", result),
            CommandOutcome.FailedToStart =>
                SlurmResult<string>.Failure($"cannot run `{result.Command}`: {said ?? "program not found"} (set [slurm] bin_dir in the config)", result),
            _ =>
                SlurmResult<string>.Failure($"`{result.Command}` was killed by a signal: {said ?? "no output"}", result),
        };
    }

    /// <summary>
    /// Slurm 22.05's sinfo/squeue --json exit 0 and print no stderr when slurmctld is down or hung: the
    /// JSON's errors hold only "Unspecified error" (errno -1) and the list is empty.
    /// </summary>
    public static bool IsUnreachableJson(IReadOnlyCollection<string> errors) =>
        errors.Count > 0 && errors.All(e => e == "Unspecified error");

    private static bool SaysUnreachable(CommandResult result) =>
        UnreachableTexts.Any(t => result.StandardError.Contains(t, StringComparison.Ordinal) || result.StandardOutput.Contains(t, StringComparison.Ordinal));

    private static string UnreachableLine(CommandResult result) =>
        (result.StandardError + "\n" + result.StandardOutput).Split('\n')
            .First(line => UnreachableTexts.Any(t => line.Contains(t, StringComparison.Ordinal))).Trim();

    // 24.11's scontrol prints "error: Skipping reboot of nodes … due to current node state" and exits 0.
    private static bool IsSilentRefusal(CommandResult result) =>
        result.Command.Arguments is [ "reboot", .. ]
        && result.StandardError.Contains("error:", StringComparison.Ordinal);

    private static string? FirstLine(string text)
    {
        foreach (var line in text.Split('\n'))
        {
            if (line.Trim().Length > 0)
            {
                return line.Trim();
            }
        }

        return null;
    }
}
