namespace HpcMaint.Core.Config;

/// <summary>
/// [oci.maintenance]: which OCI maintenance events hpcmaint carries out for the operator, and how many at
/// once. With no approved fault code nothing is ever drained or scheduled: every event is reported only.
/// </summary>
public sealed record OciMaintenanceSettings
{
    public static readonly IReadOnlyList<string> DefaultGate = ["/usr/sbin/hpcmaint", "verify"];

    /// <summary>Fault ids (faultDetails[].faultId, e.g. HPCGPU-0001-01) matched exactly; an event needs one of them to be acted on.</summary>
    public IReadOnlyList<string> ApprovedFaultCodes { get; init; } = [];

    /// <summary>The excluded nodes, expanded from their hostlists: their events are only reported.</summary>
    public IReadOnlyList<string> ExcludedHosts { get; init; } = [];

    /// <summary>The most events taken out of service per UTC day (an event due within <see cref="DueWithin"/> is taken anyway).</summary>
    public int DailyCap { get; init; } = 10;

    /// <summary>The most events in progress at once (drained, scheduled, or in OCI's hands, until their node returns).</summary>
    public int MaxConcurrent { get; init; } = 8;

    /// <summary>At most this share of each partition's nodes out of service, in percent, for a new event.</summary>
    public int MaxDownPercent { get; init; } = 25;

    /// <summary>An event whose timeHardDueDate is this close leaves service whatever the cap, the concurrency and the budget say.</summary>
    public TimeSpan DueWithin { get; init; } = TimeSpan.FromHours(48);

    /// <summary>How often an event whose work request failed or was cancelled is scheduled again before its node is drained for a person.</summary>
    public int MaxReschedules { get; init; } = 3;

    /// <summary>How far ahead of now a schedule asks OCI to start (timeWindowStart = now + this).</summary>
    public TimeSpan ScheduleLead { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The freeform tag set on an event once hpcmaint is done with it; an event carrying it is left alone.</summary>
    public string ProcessedTag { get; init; } = "maintenance_processed";

    /// <summary>The health gate after the maintenance, run with the node name added; exit 0 returns the node to service.</summary>
    public IReadOnlyList<string> Gate { get; init; } = DefaultGate;

    public TimeSpan GateTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Run once an event ends with its node drained for a person (gate failed, OCI ended it FAILED or CANCELED,
    /// schedules used up), with the node, the event's OCID and the why added: the operator's terminate command
    /// or notification. Empty: none.
    /// </summary>
    public IReadOnlyList<string> OnFailure { get; init; } = [];

    public TimeSpan OnFailureTimeout { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>The pass interval of `hpcmaint service` for this flow.</summary>
    public TimeSpan LoopInterval { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>Where each event's progress is kept between passes (its start for the daily cap, schedule attempts, work request).</summary>
    public string StateDir { get; init; } = "/var/lib/hpcmaint/oci-maintenance";
}
