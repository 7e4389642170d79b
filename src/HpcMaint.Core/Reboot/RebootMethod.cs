namespace HpcMaint.Core.Reboot;

/// <summary>How one node is rebooted (or rebuilt); the journal and dry runs use <see cref="RebootMethods.Name"/>.</summary>
public enum RebootMethod
{
    /// <summary>[reboot] command, started detached.</summary>
    OsReboot,

    /// <summary>[power] command, started detached.</summary>
    PowerCycle,

    /// <summary>A Nova soft reboot of the node's server, by the worker.</summary>
    OpenStackSoftReboot,

    /// <summary>A Nova hard reboot of the node's server, by the worker.</summary>
    OpenStackHardReboot,

    /// <summary>A Nova rebuild to <see cref="RebootAction.Image"/>, by the worker (a reboot when the server is on it already).</summary>
    OpenStackRebuild,

    /// <summary>[rebuild] command (a site reimage script), started detached.</summary>
    RebuildCommand,

    /// <summary>An OCI InstanceAction SOFTRESET of the node's instance, by the worker, followed to RUNNING.</summary>
    OciSoftReset,

    /// <summary>An OCI InstanceAction RESET of the node's instance, by the worker, followed to RUNNING.</summary>
    OciReset,
}

public static class RebootMethods
{
    public static string Name(RebootMethod method) => method switch
    {
        RebootMethod.OsReboot => "os-reboot",
        RebootMethod.PowerCycle => "power-cycle",
        RebootMethod.OpenStackSoftReboot => "openstack-soft-reboot",
        RebootMethod.OpenStackHardReboot => "openstack-hard-reboot",
        RebootMethod.OpenStackRebuild => "openstack-rebuild",
        RebootMethod.OciSoftReset => "oci-softreset",
        RebootMethod.OciReset => "oci-reset",
        _ => "rebuild-command",
    };

    public static RebootMethod? Parse(string name) => name switch
    {
        "os-reboot" => RebootMethod.OsReboot,
        "power-cycle" => RebootMethod.PowerCycle,
        "openstack-soft-reboot" => RebootMethod.OpenStackSoftReboot,
        "openstack-hard-reboot" => RebootMethod.OpenStackHardReboot,
        "openstack-rebuild" => RebootMethod.OpenStackRebuild,
        "rebuild-command" => RebootMethod.RebuildCommand,
        "oci-softreset" => RebootMethod.OciSoftReset,
        "oci-reset" => RebootMethod.OciReset,
        _ => null,
    };

    /// <summary>True for the methods that put an image on the node (a rebuild), false for the reboots.</summary>
    public static bool IsRebuild(RebootMethod method) => method is RebootMethod.OpenStackRebuild or RebootMethod.RebuildCommand;

    /// <summary>True for the methods that talk to a cloud (OpenStack, OCI), which the detached worker carries out.</summary>
    public static bool NeedsWorker(RebootMethod method) => IsOci(method) ||
        method is RebootMethod.OpenStackSoftReboot or RebootMethod.OpenStackHardReboot or RebootMethod.OpenStackRebuild;

    /// <summary>True for the methods carried out through OCI rather than OpenStack.</summary>
    public static bool IsOci(RebootMethod method) => method is RebootMethod.OciSoftReset or RebootMethod.OciReset;

    /// <summary>True for a cloud reboot that cuts the power rather than asking the OS to restart.</summary>
    public static bool IsHard(RebootMethod method) => method is RebootMethod.OpenStackHardReboot or RebootMethod.OciReset;
}
