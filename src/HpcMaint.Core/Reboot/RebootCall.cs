using HpcMaint.Core.Slurm;

namespace HpcMaint.Core.Reboot;

/// <summary>
/// Who ran hpcmaint-reboot and for which nodes: slurmd (no arguments: this node) or slurmctld with
/// reboot_from_controller (argv[1]: a comma list up to 25.11, a ranged hostlist from 26.05).
/// </summary>
public sealed record RebootCall(IReadOnlyList<string> Nodes, string Mode)
{
    public const string Slurmd = "slurmd";
    public const string Controller = "controller";
    public const string Worker = "worker";

    /// <param name="thisNode">This node's name, asked only when slurmd runs us (no node list).</param>
    public static Result<RebootCall> Read(IReadOnlyList<string> positionals, Func<string> thisNode)
    {
        if (positionals.Count == 0)
        {
            return new RebootCall([thisNode()], Slurmd);
        }

        return SlurmNames.NodeListProblem(positionals[0], out var nodes) is { } error
            ? Problem.Invalid($"cannot read the node list '{PrintableText.Line(positionals[0], 200)}' from slurmctld: {error}")
            : new RebootCall(nodes, Controller);
    }
}
