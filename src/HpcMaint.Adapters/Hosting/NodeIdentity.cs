using HpcMaint.Core.Config;

namespace HpcMaint.Adapters.Hosting;

/// <summary>
/// Which Slurm node this process runs for: SLURMD_NODENAME (set by slurmd for health checks), else
/// [node] name from the config, else the short host name (a RebootProgram gets no SLURMD_NODENAME).
/// </summary>
public static class NodeIdentity
{
    public static string Resolve(NodeSettings settings, Func<string, string?> getEnvironment, Func<string> hostName)
    {
        if (getEnvironment("SLURMD_NODENAME") is { Length: > 0 } fromSlurmd)
        {
            return fromSlurmd;
        }

        if (settings.Name is { Length: > 0 } configured)
        {
            return configured;
        }

        var host = hostName();
        var dot = host.IndexOf('.', StringComparison.Ordinal);
        return dot > 0 ? host[..dot] : host;
    }
}
