namespace HpcMaint.Health;

internal static class HealthUsage
{
    public const string Text = """
        hpcmaint-health: slurm.conf HealthCheckProgram for hpcmaint.
        Slurm runs it with no arguments; the node is $SLURMD_NODENAME, else [node] name, else the host name.

        Usage: hpcmaint-health [--config PATH]
          --config PATH  config file (default: $HPCMAINT_CONFIG, else /etc/hpcmaint/hpcmaint.toml)
          --version      print the version
        Exit codes: 0 ok, 2 bad config or arguments.
        """;
}
