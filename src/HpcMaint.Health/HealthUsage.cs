using HpcMaint.Adapters.Hosting;

namespace HpcMaint.Health;

internal static class HealthUsage
{
    public static readonly HookSyntax Syntax = new(["--once", "--dry-run", "--json"], []);

    public const string Text = """
        hpcmaint-health: slurm.conf HealthCheckProgram for hpcmaint.
        Slurm runs it with no arguments; the node is $SLURMD_NODENAME, else [node] name, else the host name.

        Usage: hpcmaint-health [--config PATH] [--once] [--dry-run] [--json]
          --config PATH  config file (default: $HPCMAINT_CONFIG, else /etc/hpcmaint/hpcmaint.toml)
          --once         show each check's result and what was done (for admins at a terminal)
          --dry-run      decide, print and journal what would be done, change nothing
          --json         print the run's checks, decision and actions as JSON
          --version      print the version
        Exit codes: 0 ok, 2 bad config or arguments.
        """;
}
