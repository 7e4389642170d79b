using HpcMaint.Adapters.Hosting;

namespace HpcMaint.Reboot;

internal static class RebootUsage
{
    public static readonly HookSyntax Syntax = new(["--dry-run"], ["NODES", "FEATURES"]);

    public const string Text = """
        hpcmaint-reboot: slurm.conf RebootProgram for hpcmaint.
        Run by slurmd on the node (no arguments: reboots this node) or by slurmctld with
        SlurmctldParameters=reboot_from_controller (NODES [FEATURES]: a comma list or a ranged hostlist).
        Per node it decides: a rebuild (the image of the node's CONFIGURING rebuild job, else the default
        image when its hpcmaint ticket is at the rebuild step) through OpenStack or [rebuild] command, else
        a reboot by [reboot] method: the OS command, a power cycle ([power] command) or OpenStack.
        Commands start detached; OpenStack work goes to a detached worker; it returns at once.

        Usage: hpcmaint-reboot [--config PATH] [--dry-run] [NODES [FEATURES]]
          --config PATH  config file (default: $HPCMAINT_CONFIG, else /etc/hpcmaint/hpcmaint.toml)
          --dry-run      print what would run, change nothing
          --version      print the version
        Exit codes: 0 every reboot handed off, 1 some could not be started, 2 bad config or arguments.
        """;
}
