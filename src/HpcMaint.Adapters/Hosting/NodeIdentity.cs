using HpcMaint.Core.Config;
using HpcMaint.Core.Slurm;

namespace HpcMaint.Adapters.Hosting;

/// <summary>
/// Which Slurm node this process runs for: SLURMD_NODENAME (set by slurmd for health checks), else
/// SLURM_NODE_NAME (the one variable 26.05's slurmd gives its RebootProgram, measured), else [node] name
/// from the config, else the short host name (22.05's and 24.11's RebootProgram get neither variable).
/// </summary>
public static class NodeIdentity
{
    /// <exception cref="NotANodeNameException">The name found is not a Slurm node name: it would name state files and argv.</exception>
    public static string Resolve(NodeSettings settings, Func<string, string?> getEnvironment, Func<string> hostName)
    {
        var (name, from) = Find(settings, getEnvironment, hostName);
        return SlurmNames.NodeNameProblem(name) is { } problem ? throw new NotANodeNameException($"{from}: {problem}") : name;
    }

    private static (string Name, string From) Find(NodeSettings settings, Func<string, string?> getEnvironment, Func<string> hostName)
    {
        if (getEnvironment("SLURMD_NODENAME") is { Length: > 0 } fromSlurmd)
        {
            return (fromSlurmd, "SLURMD_NODENAME");
        }

        if (getEnvironment("SLURM_NODE_NAME") is { Length: > 0 } fromRebootProgram)
        {
            return (fromRebootProgram, "SLURM_NODE_NAME");
        }

        if (settings.Name is { Length: > 0 } configured)
        {
            return (configured, "[node] name");
        }

        var host = hostName();
        var dot = host.IndexOf('.', StringComparison.Ordinal);
        return (dot > 0 ? host[..dot] : host, "the host name");
    }
}
