namespace HpcMaint.Adapters.Cloud.Oci;

/// <summary>A maintenance event's lifecycleState values. There is no COMPLETED.</summary>
public static class OciMaintenanceStates
{
    public const string Scheduled = "SCHEDULED";
    public const string Started = "STARTED";
    public const string Processing = "PROCESSING";
    public const string Succeeded = "SUCCEEDED";
    public const string Failed = "FAILED";
    public const string Canceled = "CANCELED";

    public static bool IsFinal(string state) => state is Succeeded or Failed or Canceled;
}
