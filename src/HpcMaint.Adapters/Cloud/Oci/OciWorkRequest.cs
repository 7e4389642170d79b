namespace HpcMaint.Adapters.Cloud.Oci;

/// <summary>A work request (GetWorkRequest): an asynchronous operation OCI accepted, and how far it is.</summary>
public sealed record OciWorkRequest
{
    public const string Succeeded = "SUCCEEDED";
    public const string Failed = "FAILED";
    public const string Canceled = "CANCELED";

    public string Id { get; init; } = "";

    public string? OperationType { get; init; }

    /// <summary>ACCEPTED, IN_PROGRESS, FAILED, SUCCEEDED, CANCELING, CANCELED (there is no SUCCESSFUL).</summary>
    public string Status { get; init; } = "";

    public string? CompartmentId { get; init; }

    public List<OciWorkRequestResource>? Resources { get; init; }

    public float? PercentComplete { get; init; }

    public DateTimeOffset? TimeAccepted { get; init; }

    public DateTimeOffset? TimeStarted { get; init; }

    public DateTimeOffset? TimeFinished { get; init; }

    public bool IsFinal => Status is Succeeded or Failed or Canceled;

    public override string ToString() => $"{OperationType} {Id}: {Status}";
}

/// <summary>A resource a work request acts on.</summary>
public sealed record OciWorkRequestResource
{
    public string? EntityType { get; init; }

    public string? ActionType { get; init; }

    public string? Identifier { get; init; }

    public string? EntityUri { get; init; }
}
