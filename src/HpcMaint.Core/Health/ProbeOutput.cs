namespace HpcMaint.Core.Health;

/// <summary>What a program run by a check did: exit code (null when it did not exit by itself) and output.</summary>
public sealed record ProbeOutput(int? ExitCode, string StandardOutput, string StandardError, string? Problem = null)
{
    /// <summary>The output limit, when the tool wrote more than it to a stream and the rest was discarded.</summary>
    public long? TruncatedAt { get; init; }

    /// <summary>It was stopped because the check's timeout or the run's time ran out (<see cref="Problem"/> names which, once the check runner has said).</summary>
    public bool Stopped { get; init; }

    /// <summary>It ran and exited 0.</summary>
    public bool Succeeded => Problem is null && ExitCode == 0;

    /// <summary>Could not start, timed out or was killed: <see cref="Problem"/> says which, for a person.</summary>
    public static ProbeOutput Failed(string problem) => new(null, string.Empty, string.Empty, problem);
}
