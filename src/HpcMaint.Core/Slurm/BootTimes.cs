namespace HpcMaint.Core.Slurm;

/// <summary>Whether a node's boot came after a reboot hpcmaint asked for.</summary>
public static class BootTimes
{
    /// <summary>
    /// Slurm gives boot times in whole seconds (now - uptime) and takes a boot as the one asked for when it
    /// is not before the request (waiting_for_node_boot, node_mgr.c); hpcmaint's node record keeps whole
    /// seconds too. So a boot in the request's own second is that boot: on 26.05's testbed one came 0.6 s
    /// after the request, and a strict comparison waited for it forever.
    /// </summary>
    public static bool IsAfter(DateTimeOffset? boot, DateTimeOffset requested) =>
        boot is { } booted && booted.ToUnixTimeSeconds() >= requested.ToUnixTimeSeconds();
}
