namespace HpcMaint.Adapters.Processes;

/// <summary>How a command's run ended.</summary>
public enum CommandOutcome
{
    /// <summary>The program ran and exited on its own; <see cref="CommandResult.ExitCode"/> is its exit status.</summary>
    Exited,

    /// <summary>The program was killed by a signal nobody here sent; the exit code is 128 + the signal number.</summary>
    Signaled,

    /// <summary>The command ran past its timeout and was terminated (SIGTERM, then SIGKILL after the grace period).</summary>
    TimedOut,

    /// <summary>The caller cancelled the run; the command was terminated like a timed-out one, or never started.</summary>
    Cancelled,

    /// <summary>The program could not be started (missing, not executable, bad working directory); the reason is in standard error.</summary>
    FailedToStart,
}
