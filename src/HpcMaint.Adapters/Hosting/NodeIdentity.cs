using HpcMaint.Core.Config;
using HpcMaint.Core.Slurm;

namespace HpcMaint.Adapters.Hosting;

/// <summary>
/// Which Slurm node this process runs for: SLURMD_NODENAME (set by slurmd for health checks), else
/// [node] name from the config, else the short host name (a RebootProgram gets no SLURMD_NODENAME).
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

        if (settings.Name is { Length: > 0 } configured)
        {
            return (configured, "[node] name");
        }

        var host = hostName();
        var dot = host.IndexOf('.', StringComparison.Ordinal);
        return (dot > 0 ? host[..dot] : host, "the host name");
    }
}
