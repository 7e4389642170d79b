using HpcMaint.Core.Config;
using Microsoft.Extensions.Logging;

namespace HpcMaint.Health;

/// <summary>
/// One health-check run for this node. The foundation release validates the configuration and reports
/// it; the check catalogue, strikes and drains build on this (see the project's issue tracker).
/// </summary>
internal static class HealthRun
{
    public static int Execute(HpcMaintConfig config, string node, ILoggerFactory logging)
    {
        var log = logging.CreateLogger("hpcmaint-health");
        log.LogInformation("node {Node}: configuration {Source} is valid; no health checks are configured in this release", node, config.SourceFile);
        return 0;
    }
}
