namespace HpcMaint.Adapters.Processes;

/// <summary>A decoded waitpid status.</summary>
internal readonly record struct ExitStatus(bool WasSignaled, int Code, DateTimeOffset ExitTime)
{
    /// <summary>The status was reaped by someone else (waitpid: ECHILD), so only the fact of the exit is known.</summary>
    public bool IsLost => Code < 0;

    /// <summary>The exit code in the shell's convention: the status, or 128 + signal.</summary>
    public int ExitCode => IsLost ? -1 : WasSignaled ? 128 + Code : Code;

    public static ExitStatus FromWaitStatus(int status, DateTimeOffset exitTime)
    {
        // Linux encoding: low 7 bits = terminating signal (0 = normal exit), bits 8..15 = exit status.
        var signal = status & 0x7f;
        return signal == 0
            ? new ExitStatus(false, (status >> 8) & 0xff, exitTime)
            : new ExitStatus(true, signal, exitTime);
    }

    public static ExitStatus Lost(DateTimeOffset exitTime) => new(false, -1, exitTime);
}
