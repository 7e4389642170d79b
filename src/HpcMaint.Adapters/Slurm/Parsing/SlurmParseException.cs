namespace HpcMaint.Adapters.Slurm.Parsing;

/// <summary>Slurm printed something hpcmaint cannot read: a version it does not know, or a failure.</summary>
public sealed class SlurmParseException(string source, string problem, bool controllerUnreachable = false)
    : Exception($"cannot read the output of {source}: {problem}")
{
    /// <summary>The output says slurmctld did not answer, rather than something hpcmaint cannot read.</summary>
    public bool ControllerUnreachable { get; } = controllerUnreachable;

    public string Command { get; } = source;

    public string Problem { get; } = problem;
}
