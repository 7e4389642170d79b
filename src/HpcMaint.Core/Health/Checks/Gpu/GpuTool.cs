namespace HpcMaint.Core.Health.Checks.Gpu;

/// <summary>Running a GPU tool through the probe and turning "could not run" into an Error verdict.</summary>
internal static class GpuTool
{
    /// <summary>Longest output excerpt kept in a verdict.</summary>
    private const int MaxExcerpt = 2000;

    // The check's configured timeout cancels the token (and is capped by the run's budget, under Slurm's
    // 60 s HealthCheck kill); this only bounds a run without one, and must never be the shorter limit.
    private static readonly TimeSpan LongestRun = TimeSpan.FromSeconds(60);

    /// <summary>Runs argv; on a start failure or timeout returns the Error verdict in <paramref name="error"/>.</summary>
    public static async Task<(ProbeOutput Output, CheckVerdict? Error)> RunAsync(
        IHostProbe probe, string checkId, IReadOnlyList<string> argv, CancellationToken cancellationToken)
    {
        var output = await probe.RunAsync(argv, LongestRun, cancellationToken).ConfigureAwait(false);
        return output.Problem is { } problem
            ? (output, CheckVerdict.Error(checkId, $"{Path.GetFileName(argv[0])}: {problem}", Excerpt(output.StandardError)))
            : (output, null);
    }

    /// <summary>An Error for output the check could not read; names the exit code when the tool failed too.</summary>
    public static CheckVerdict Unreadable(string checkId, IReadOnlyList<string> argv, ProbeOutput output, string problem)
    {
        var exit = output.ExitCode is { } code && code != 0 ? $" (exit {code})" : string.Empty;
        problem = output.TruncatedAt is { } limit ? $"output truncated at {Config.ByteSizeText.Format(limit)} ([health] output_limit): {problem}" : problem;
        var text = output.StandardError.Length > 0 ? output.StandardError + "\n" + output.StandardOutput : output.StandardOutput;
        return CheckVerdict.Error(checkId, $"{Path.GetFileName(argv[0])}{exit}: {problem}", Excerpt(text));
    }

    public static string Excerpt(string text) =>
        text.Length <= MaxExcerpt ? text : string.Concat(text.AsSpan(0, MaxExcerpt), "\n…");
}
