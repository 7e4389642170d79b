using HpcMaint.Adapters.Processes;

namespace HpcMaint.Adapters.Tests.Slurm;

/// <summary>Answers each command from a table keyed by its arguments, and remembers what ran.</summary>
internal sealed class ScriptedRunner(Dictionary<string, string> outputs) : ICommandRunner
{
    public List<string> Ran { get; } = [];

    public Task<CommandResult> RunAsync(Command command, CancellationToken cancellationToken = default)
    {
        var args = string.Join(' ', command.Arguments);
        Ran.Add(Path.GetFileName(command.Program) + " " + args);
        var now = DateTimeOffset.UnixEpoch;
        return Task.FromResult(new CommandResult(command, CommandOutcome.Exited, 0, outputs[args], string.Empty, now, now));
    }
}
