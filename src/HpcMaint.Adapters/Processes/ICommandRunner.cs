namespace HpcMaint.Adapters.Processes;

/// <summary>Runs a command to completion. Expected failures (non-zero exit, timeout, missing program) are results, not exceptions.</summary>
public interface ICommandRunner
{
    Task<CommandResult> RunAsync(Command command, CancellationToken cancellationToken = default);
}
