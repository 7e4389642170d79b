using HpcMaint.Core.Config;

namespace HpcMaint.Core.Reboot;

/// <summary>
/// Decides how each node Slurm asked to reboot is rebooted. This release knows one method, the
/// configured OS reboot command; "{node}" in its arguments is replaced by the node's name, so a
/// controller-mode RebootProgram can drive a per-node tool (e.g. a BMC power cycle).
/// </summary>
public static class RebootPlanner
{
    public const string NodePlaceholder = "{node}";

    public static IReadOnlyList<RebootAction> Plan(IReadOnlyList<string> nodes, RebootSettings settings) =>
        nodes.Distinct(StringComparer.Ordinal)
            .Select(node => new RebootAction(
                node,
                settings.Command.Select(arg => arg.Replace(NodePlaceholder, node, StringComparison.Ordinal)).ToArray(),
                "os-reboot"))
            .ToArray();
}
