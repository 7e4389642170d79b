namespace HpcMaint.Adapters.Processes;

/// <summary>The outcome of <see cref="ProcessRunner.StartDetached"/>: the new process's id, or why it could not start.</summary>
public readonly record struct DetachedStart(int ProcessId, string? FailureReason)
{
    public bool IsStarted => FailureReason is null;
}
