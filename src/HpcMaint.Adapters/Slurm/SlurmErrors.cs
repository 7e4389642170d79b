using HpcMaint.Adapters.Processes;

namespace HpcMaint.Adapters.Slurm;

/// <summary>Turns a finished Slurm command into a value or an error message that names the command.</summary>
internal static class SlurmErrors
{
    public static SlurmResult<string> Classify(CommandResult result)
    {
        var said = FirstLine(result.StandardError) ?? FirstLine(result.StandardOutput);
        return result.Outcome switch
        {
            CommandOutcome.Exited when result.ExitCode == 0 && !IsSilentRefusal(result) =>
                SlurmResult<string>.Success(result.StandardOutput, result),
            CommandOutcome.Exited =>
                SlurmResult<string>.Failure($"`{result.Command}` failed (exit {result.ExitCode}): {said ?? "no output"}", result),
            CommandOutcome.TimedOut =>
                SlurmResult<string>.Failure($"`{result.Command}` did not finish within {result.Command.Timeout.TotalSeconds:0.#} s (is slurmctld answering?)", result),
            CommandOutcome.Cancelled =>
                SlurmResult<string>.Failure($"`{result.Command}` was cancelled", result),
            CommandOutcome.FailedToStart =>
                SlurmResult<string>.Failure($"cannot run `{result.Command}`: {said ?? "program not found"} (set [slurm] bin_dir in the config)", result),
            _ =>
                SlurmResult<string>.Failure($"`{result.Command}` was killed by a signal: {said ?? "no output"}", result),
        };
    }

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
