namespace HpcMaint.Core.CloudMaintenance;

/// <summary>
/// One step the adapter carries out, in plan order. Record steps go to hpcmaint's store before the Slurm or OCI
/// write they announce, so a pass killed between the two finds the record and carries on, never starting over.
/// </summary>
public abstract record MaintenanceAction(string EventId)
{
    /// <summary>Keep the event's start (for the daily cap) before its node is drained.</summary>
    public sealed record RecordStart(string EventId, string Node, DateTimeOffset At) : MaintenanceAction(EventId);

    /// <summary>scontrol update state=DRAIN with <see cref="MaintenanceReasons.For"/>: the node leaves service after its running jobs.</summary>
    public sealed record Drain(string EventId, string Node, string Reason) : MaintenanceAction(EventId);

    /// <summary>Keep attempt <see cref="Attempt"/> and its start before OCI is asked (a record lost meanwhile is made anew, started <see cref="At"/>).</summary>
    public sealed record RecordSchedule(string EventId, string Node, int Attempt, DateTimeOffset Start, DateTimeOffset At) : MaintenanceAction(EventId);

    /// <summary>
    /// UpdateInstanceMaintenanceEvent: timeWindowStart = <see cref="Start"/> and tag <see cref="MaintenanceTags.Attempt"/> = attempt,
    /// with a retry token of the event and attempt (a repeat of one attempt is carried out by OCI at most once).
    /// </summary>
    public sealed record Schedule(string EventId, string Node, int Attempt, DateTimeOffset Start) : MaintenanceAction(EventId);

    /// <summary>Run the health gate for the node; its verdict is decided by <see cref="MaintenanceGate"/>.</summary>
    public sealed record RunGate(string EventId, string Node) : MaintenanceAction(EventId);

    /// <summary>Keep the gate's verdict before acting on it: a pass killed after it carries on from the verdict, never gating again nor marking the event as what did not happen.</summary>
    public sealed record RecordGate(string EventId, string Node, bool Passed, string Detail, DateTimeOffset At) : MaintenanceAction(EventId);

    /// <summary>scontrol update state=RESUME: the node returns to service (only ever hpcmaint's drain for this event).</summary>
    public sealed record Resume(string EventId, string Node) : MaintenanceAction(EventId);

    /// <summary>The node must not return to work: drained with an hpcmaint reason and a ticket for a person.</summary>
    public sealed record DrainFailed(string EventId, string Node, string Detail) : MaintenanceAction(EventId);

    /// <summary>
    /// [oci.maintenance] on_failure with the node, the event and <see cref="Why"/> added, after the node was drained
    /// for a person; its end is kept, so it runs again only if hpcmaint stopped before that.
    /// </summary>
    public sealed record RunOnFailure(string EventId, string Node, string Why) : MaintenanceAction(EventId);

    /// <summary>The processed tag on the event, with what became of it: hpcmaint is done with it.</summary>
    public sealed record MarkProcessed(string EventId, string Outcome) : MaintenanceAction(EventId);
}
