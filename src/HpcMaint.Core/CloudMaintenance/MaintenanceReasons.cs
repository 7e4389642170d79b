using HpcMaint.Core.Slurm;

namespace HpcMaint.Core.CloudMaintenance;

/// <summary>The drain reason that says hpcmaint took a node out of service for one event: <c>hpcmaint: oci-maintenance event=OCID</c>.</summary>
public static class MaintenanceReasons
{
    public const string Condition = "oci.maintenance";

    public const string Check = "oci-maintenance";

    public static string For(string eventId) => NodeReason.Create("oci-maintenance event=" + eventId);

    /// <summary>The reason is this flow's drain for some event (it says nothing about a failure: a failed node's drain replaces it).</summary>
    public static bool IsFor(string? reason) => reason is not null && reason.StartsWith(NodeReason.Create("oci-maintenance event="), StringComparison.Ordinal);

    /// <summary>The node is out of service by hpcmaint's drain for this very event (not another flow's, not a person's).</summary>
    public static bool DrainedFor(Node node, string eventId) =>
        (node.State.IsDrainSet || node.State.IsDown) && node.Reason == For(eventId);
}
