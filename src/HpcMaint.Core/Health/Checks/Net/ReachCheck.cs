using System.Globalization;
using HpcMaint.Core.Config;

namespace HpcMaint.Core.Health.Checks.Net;

/// <summary><c>net.reach</c>: a TCP service answers (a file server, the Slurm controller) within a timeout.</summary>
internal sealed class ReachCheck(string host, int port, TimeSpan timeout) : IHealthCheck
{
    public const string Condition = "net.reach";

    public static CheckKind Kind { get; } = new(
        Condition,
        "a TCP connection to host:port opens within connect_timeout (default 2s)",
        Create);

    public async Task<CheckVerdict> RunAsync(IHostProbe probe, CancellationToken cancellationToken)
    {
        var found = new FindingList();
        if (await probe.TryConnectAsync(host, port, timeout, cancellationToken).ConfigureAwait(false) is { } problem)
        {
            found.Fault(Condition, $"{host}:{port.ToString(CultureInfo.InvariantCulture)} {ProcText.Snippet(problem, 40)}", "reachable");
        }

        return found.ToVerdict();
    }

    private static IHealthCheck Create(ConfigSection section)
    {
        var host = section.Optional("host", h => h.Length == 0 || h.Any(char.IsWhiteSpace) ? $"\"{h}\" is not a host name or address" : null);
        var port = section.OptionalInt("port", 1, 65535);
        var timeout = section.Duration("connect_timeout", TimeSpan.FromSeconds(2), TimeSpan.FromMilliseconds(10), TimeSpan.FromSeconds(30));
        return host is null ? MisconfiguredCheck.Report(section, "host", "no host: write host = \"nfs1\" and port = 2049")
            : port is null ? MisconfiguredCheck.Report(section, "port", "no port: write port = 2049")
            : new ReachCheck(host, port.Value, timeout);
    }
}
