using HpcMaint.Adapters.Processes;

namespace HpcMaint.Adapters.Slurm;

/// <summary>
/// The outcome of one Slurm command: a value, or an error an operator can act on (which command,
/// what Slurm said). A controller that does not answer is an expected failure, not an exception.
/// </summary>
public sealed class SlurmResult<T>
{
    private readonly T? value;

    private SlurmResult(T? value, string? error, CommandResult? command, bool controllerUnreachable = false)
    {
        this.value = value;
        Error = error;
        Command = command;
        ControllerUnreachable = controllerUnreachable;
    }

    public bool IsSuccess => Error is null;

    public string? Error { get; }

    /// <summary>The command failed because slurmctld did not answer (down, or hung past MessageTimeout), not because of what was asked.</summary>
    public bool ControllerUnreachable { get; }

    /// <summary>The command that ran and what it printed (null when nothing ran).</summary>
    public CommandResult? Command { get; }

    public T Value => IsSuccess ? value! : throw new InvalidOperationException("no value: " + Error);

    public static SlurmResult<T> Success(T value, CommandResult? command = null) => new(value, null, command);

    public static SlurmResult<T> Failure(string error, CommandResult? command = null) => new(default, error, command);

    public static SlurmResult<T> Unreachable(string error, CommandResult? command = null) => new(default, error, command, controllerUnreachable: true);

    /// <summary>This failure as a result of another type, for a caller that turns the output into something else.</summary>
    public SlurmResult<TOther> FailureAs<TOther>() =>
        IsSuccess ? throw new InvalidOperationException("not a failure") : new(default, Error, Command, ControllerUnreachable);

    public override string ToString() => IsSuccess ? $"ok: {value}" : "error: " + Error;
}
