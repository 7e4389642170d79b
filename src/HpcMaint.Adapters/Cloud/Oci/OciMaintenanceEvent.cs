namespace HpcMaint.Adapters.Cloud.Oci;

/// <summary>
/// An instance maintenance event (cloud-apis.md B.4). The list gives summaries without additionalDetails,
/// lifecycleDetails and canDeleteLocalStorage; Get gives them all. Enum values are kept as OCI sends them,
/// so one this client does not know yet reads as itself, not as an error.
/// </summary>
public sealed record OciMaintenanceEvent
{
    public string Id { get; init; } = "";

    public string InstanceId { get; init; } = "";

    public string? CompartmentId { get; init; }

    public string? DisplayName { get; init; }

    /// <summary>EMERGENCY, MANDATORY, FLEXIBLE, OPTIONAL, NOTIFICATION.</summary>
    public string? MaintenanceCategory { get; init; }

    /// <summary>EVACUATION, ENVIRONMENTAL_FACTORS, DECOMMISSION, HARDWARE_REPLACEMENT, FIRMWARE_UPDATE, SECURITY_UPDATE.</summary>
    public string? MaintenanceReason { get; init; }

    /// <summary>REBOOT_MIGRATION, TERMINATE, STOP, NONE.</summary>
    public string? InstanceAction { get; init; }

    public List<string>? AlternativeResolutionActions { get; init; }

    public DateTimeOffset? TimeStarted { get; init; }

    public DateTimeOffset? TimeFinished { get; init; }

    /// <summary>The maintenance does not begin before this.</summary>
    public DateTimeOffset? TimeWindowStart { get; init; }

    public string? StartWindowDuration { get; init; }

    public string? EstimatedDuration { get; init; }

    /// <summary>After this OCI carries out the maintenance whatever was scheduled.</summary>
    public DateTimeOffset? TimeHardDueDate { get; init; }

    public bool CanReschedule { get; init; }

    public DateTimeOffset? TimeCreated { get; init; }

    /// <summary>One of the states of <see cref="Core.CloudMaintenance.MaintenanceEvent"/> (SCHEDULED … SUCCEEDED, FAILED, CANCELED; there is no COMPLETED).</summary>
    public string LifecycleState { get; init; } = "";

    public string? LifecycleDetails { get; init; }

    /// <summary>CUSTOMER or SYSTEM.</summary>
    public string? CreatedBy { get; init; }

    public string? Description { get; init; }

    /// <summary>Events with one token are one repair and must be scheduled together.</summary>
    public string? CorrelationToken { get; init; }

    public bool? CanDeleteLocalStorage { get; init; }

    /// <summary>Values are strings; faultDetails and repairDetails are JSON inside a string (B.9).</summary>
    public Dictionary<string, string>? AdditionalDetails { get; init; }

    public Dictionary<string, string>? FreeformTags { get; init; }

    /// <summary>The etag header of the Get that carried it (for if-match); not in the JSON.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string? Etag { get; init; }

    public override string ToString() => $"{Id} on {InstanceId}: {LifecycleState}";
}
