using HpcMaint.Adapters.Processes;
using HpcMaint.Core.Config;
using HpcMaint.Core.Reboot;

namespace HpcMaint.Adapters.Reboot;

/// <summary>What --dry-run prints for a decision: the exact argv, or the OpenStack or OCI call.</summary>
public static class DryRunText
{
    public static string Of(RebootAction action, OpenStackSettings? openstack, OciSettings? oci = null)
    {
        var profile = $"OCI profile {oci?.Profile ?? "DEFAULT"}";
        var cloud = openstack?.Cloud is { } name ? $"cloud {name}" : "the default cloud";
        var instead = openstack?.HardReboot == true ? "a hard reboot" : "a soft reboot";
        return action.Method switch
        {
            RebootMethod.OsReboot => $"would reboot {action.Node}: {Argv(action)}",
            RebootMethod.PowerCycle => $"would power-cycle {action.Node}: {Argv(action)}",
            RebootMethod.RebuildCommand => $"would rebuild {action.Node}: {Argv(action)}",
            RebootMethod.OpenStackSoftReboot => $"would soft-reboot {action.Node}'s server in {cloud}",
            RebootMethod.OpenStackHardReboot => $"would hard-reboot {action.Node}'s server in {cloud}",
            RebootMethod.OciSoftReset => $"would SOFTRESET {action.Node}'s instance through {profile} and follow it to RUNNING",
            RebootMethod.OciReset => $"would RESET {action.Node}'s instance through {profile} and follow it to RUNNING",
            _ => $"would rebuild {action.Node}'s server in {cloud} to image {action.Image} ({instead} if it runs that image already)",
        };
    }

    private static string Argv(RebootAction action) => Command.For(action.Command[0]).WithArguments(action.Command.Skip(1)).ToString();
}
