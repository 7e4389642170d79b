namespace HpcMaint.Adapters.Cloud.Oci;

/// <summary>The parts of a Compute instance hpcmaint decides on (GetInstance, ListInstances, InstanceAction).</summary>
public sealed record OciInstance
{
    public const string Running = "RUNNING";
    public const string Terminated = "TERMINATED";
    public const string Terminating = "TERMINATING";

    public string Id { get; init; } = "";

    public string? DisplayName { get; init; }

    public string? CompartmentId { get; init; }

    /// <summary>MOVING, PROVISIONING, RUNNING, STARTING, STOPPING, STOPPED, CREATING_IMAGE, TERMINATING, TERMINATED; any other kept as sent.</summary>
    public string LifecycleState { get; init; } = "";

    public string? ImageId { get; init; }

    public string? Shape { get; init; }

    public string? AvailabilityDomain { get; init; }

    public Dictionary<string, string>? FreeformTags { get; init; }

    /// <summary>The etag header of the answer that carried it (for if-match); not in the JSON.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string? Etag { get; init; }

    /// <summary>Gone, or about to be: never the instance of a node.</summary>
    public bool IsGone => LifecycleState is Terminated or Terminating;

    public override string ToString() => $"{DisplayName} ({Id}) {LifecycleState}";
}
