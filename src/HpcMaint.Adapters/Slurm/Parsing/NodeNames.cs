using HpcMaint.Core.Slurm;

namespace HpcMaint.Adapters.Slurm.Parsing;

/// <summary>
/// Node names as Slurm prints them, checked before anything uses them: a name outside Slurm's node-name
/// characters (slurm.conf gone wrong, or output that is not Slurm's) makes the whole read fail, so it can
/// never reach an argv, a node list or a file name.
/// </summary>
internal static class NodeNames
{
    public static string Checked(string name, string source) =>
        SlurmNames.NodeNameProblem(name) is { } problem ? throw new SlurmParseException(source, problem) : name;

    /// <summary>A hostlist such as a job's "n[1-4]", expanded, every name checked.</summary>
    public static IReadOnlyList<string> Expanded(string hostlist, string source) =>
        SlurmNames.NodeListProblem(hostlist, out var names) is { } problem ? throw new SlurmParseException(source, problem) : names;
}
