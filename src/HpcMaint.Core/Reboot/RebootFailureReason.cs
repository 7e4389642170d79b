using HpcMaint.Core.Slurm;

namespace HpcMaint.Core.Reboot;

/// <summary>
/// The drain reason hpcmaint-reboot leaves on a node whose cloud reboot or rebuild failed
/// (<c>hpcmaint: rebuild: server … went to ERROR: No valid host was found.</c>). A rebuild job's
/// PrologSlurmctld reads it to end the job at once rather than wait for a node that will not boot.
/// </summary>
public static class RebootFailureReason
{
    private static readonly string[] Steps = ["rebuild: ", "openstack reboot: ", "oci reboot: "];

    public static string For(RebootMethod method, string problem) =>
        NodeReason.Create((method == RebootMethod.OpenStackRebuild ? Steps[0] : RebootMethods.IsOci(method) ? Steps[2] : Steps[1]) + problem);

    public static bool Is(string? reason) =>
        reason is not null && Steps.Any(s => reason.StartsWith(NodeReason.Prefix + " " + s, StringComparison.Ordinal));
}
