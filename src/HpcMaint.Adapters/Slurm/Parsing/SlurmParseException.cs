namespace HpcMaint.Adapters.Slurm.Parsing;

/// <summary>Slurm printed something hpcmaint cannot read: a version it does not know, or a failure.</summary>
public sealed class SlurmParseException(string source, string problem)
    : Exception($"cannot read the output of {source}: {problem}")
{
    public string Command { get; } = source;

    public string Problem { get; } = problem;
}
