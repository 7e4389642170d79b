namespace HpcMaint.Core.CloudMaintenance;

/// <summary>
/// An OCI instance maintenance event as the decision needs it: OCI's own fields (state, window, hard due
/// date, correlation token, whether it can be rescheduled), the fault ids of its faultDetails, the node its
/// instance maps to (or why none), hpcmaint's marks in its freeform tags, and the status of the work request
/// of hpcmaint's last schedule when one is known. States are kept as OCI spells them.
/// </summary>
public sealed record MaintenanceEvent(string Id, string InstanceId, string State)
{
    public const string Scheduled = "SCHEDULED";
    public const string Started = "STARTED";
    public const string Processing = "PROCESSING";
    public const string Succeeded = "SUCCEEDED";
    public const string Failed = "FAILED";
    public const string Canceled = "CANCELED";

    /// <summary>The Slurm node of its instance; null with <see cref="NodeProblem"/> saying why.</summary>
    public string? Node { get; init; }

    public string? NodeProblem { get; init; }

    public IReadOnlyList<string> FaultCodes { get; init; } = [];

    /// <summary>Events with one token are one repair: they move together.</summary>
    public string? CorrelationToken { get; init; }

    public DateTimeOffset? TimeWindowStart { get; init; }

    /// <summary>After this OCI carries the maintenance out whatever was scheduled.</summary>
    public DateTimeOffset? TimeHardDueDate { get; init; }

    public DateTimeOffset? TimeStarted { get; init; }

    public bool CanReschedule { get; init; }

    public string? LifecycleDetails { get; init; }

    /// <summary>The attempt number hpcmaint's last schedule wrote into the event's tags with the schedule itself (0: never scheduled by hpcmaint).</summary>
    public int ScheduleAttempt { get; init; }

    /// <summary>The value of the processed tag; null while hpcmaint is not done with the event.</summary>
    public string? Processed { get; init; }

    /// <summary>The work request of the schedule the record names, as last read; null when none is known.</summary>
    public WorkRequestStatus? WorkRequest { get; init; }

    /// <summary>The group the event moves with: its correlation token, or itself alone.</summary>
    public string Group => CorrelationToken is { Length: > 0 } token ? token : Id;

    public bool IsFinal => State is Succeeded or Failed or Canceled;

    public bool IsDue(DateTimeOffset now, TimeSpan within) => TimeHardDueDate is { } due && due - now <= within;

    public override string ToString() => $"{Id} ({State})";
}
