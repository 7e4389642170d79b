using HpcMaint.Core.Slurm;

namespace HpcMaint.Core.Tests.Remediation;

/// <summary>Something that happened to a node before a health run, in the words of an operator.</summary>
public enum NodeEvent
{
    Nothing,
    AdminResumedHpcmaintsDrain,
    AdminRebooted,
    HpcmaintRebootedAndResumed,
    HpcmaintsRebootTimedOut,
    AdminRebootingToDown,
    AdminRebootedToDown,
    AdminRebootingAsapOnHpcmaintsDrain,
    AdminDrained,
}

/// <summary>
/// What each Slurm release reports for a node after <see cref="NodeEvent"/>, as the testbed showed it
/// (tests/HpcMaint.Adapters.Tests/Fixtures/slurm-*): 22.05 and 26.05 clear a node's reason when it returns
/// to service, 24.11 keeps it; a timed-out reboot of a drained node is DOWN without DRAIN on 22.05 only.
/// </summary>
public static class ReleaseHistory
{
    public static readonly string[] Releases = ["22.05", "24.11", "26.05"];

    public const string OurReason = "hpcmaint: gpu.ecc: 3 vs 0";

    public static (NodeState State, string? Reason, string? NextState) Report(string release, NodeEvent happened)
    {
        var keepsReasons = release == "24.11";
        var idle = new NodeState(NodeBaseState.Idle, NodeFlags.None);
        return happened switch
        {
            NodeEvent.Nothing => (idle, null, null),
            NodeEvent.AdminResumedHpcmaintsDrain => (idle, keepsReasons ? OurReason : null, null),
            NodeEvent.AdminRebooted => (idle, keepsReasons ? "reboot requested : reboot issued" : null, null),
            NodeEvent.HpcmaintRebootedAndResumed => (idle, keepsReasons ? OurReason + " : reboot issued" : null, null),
            NodeEvent.HpcmaintsRebootTimedOut => (
                new NodeState(NodeBaseState.Down, release == "22.05" ? NodeFlags.None : NodeFlags.Drain),
                OurReason + " : reboot issued : reboot timed out", null),
            NodeEvent.AdminRebootingToDown => (
                new NodeState(NodeBaseState.Down, NodeFlags.RebootIssued),
                keepsReasons ? OurReason + " : reboot issued" : "reboot requested : reboot issued", "DOWN"),
            NodeEvent.AdminRebootedToDown => (
                new NodeState(NodeBaseState.Down, NodeFlags.None),
                (keepsReasons ? OurReason : "reboot requested") + " : reboot issued : reboot complete", null),
            NodeEvent.AdminRebootingAsapOnHpcmaintsDrain => (
                new NodeState(NodeBaseState.Mixed, NodeFlags.Drain | NodeFlags.RebootRequested), OurReason, release == "22.05" ? "UNKNOWN+RESUME" : "UNKNOWN,UNDRAIN,RESUME"),
            NodeEvent.AdminDrained => (new NodeState(NodeBaseState.Idle, NodeFlags.Drain), "disk swap, ticket 1234", null),
            _ => throw new ArgumentOutOfRangeException(nameof(happened), happened, null),
        };
    }
}
