namespace HpcMaint.Core.CloudMaintenance;

/// <summary>A work request OCI started for a schedule, and its status (ACCEPTED, IN_PROGRESS, SUCCEEDED, FAILED, CANCELING, CANCELED).</summary>
public sealed record WorkRequestStatus(string Id, string Status)
{
    /// <summary>The schedule did not take: the event must be scheduled again.</summary>
    public bool Failed => Status is "FAILED" or "CANCELED";

    public override string ToString() => $"{Id} {Status}";
}
