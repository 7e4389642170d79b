using HpcMaint.Core.Slurm;

namespace HpcMaint.Core.CloudMaintenance;

/// <summary>The drain reason that says hpcmaint took a node out of service for one event: <c>hpcmaint: oci-maintenance event=OCID</c>.</summary>
public static class MaintenanceReasons
{
    public static string For(string eventId) => NodeReason.Create("oci-maintenance event=" + eventId);

    /// <summary>The node is out of service by hpcmaint's drain for this very event (not another flow's, not a person's).</summary>
    public static bool DrainedFor(Node node, string eventId) =>
        (node.State.IsDrainSet || node.State.IsDown) && node.Reason == For(eventId);
}
