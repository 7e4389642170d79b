namespace HpcMaint.Core.Rebuild;

/// <summary>
/// What a health gate run here (drain strategy) leads to: passed → resume the node (only hpcmaint's
/// drain), then it is done; failed → the node fails and is drained with a ticket, the reason says why.
/// </summary>
public static class GateVerdict
{
    /// <summary>
    /// The change now (null when the resume must come first) and what to carry out. Reservation strategy:
    /// nothing to carry out here; the node goes to Releasing and the next pass deletes its reservation.
    /// </summary>
    public static (NodeChange? Change, RebuildAction? Action) Ended(RebuildPlan plan, PlannedNode planned, bool passed, string detail, DateTimeOffset now) =>
        plan.Strategy == RebuildStrategy.Reservation ? (ReservationTracker.GateEnded(planned, passed, detail, now), null)
        : passed
            ? (null, new RebuildAction.Resume(planned.Name))
            : (RebuildOutcomes.GateFailed(planned, detail, now), new RebuildAction.DrainFailed(planned.Name, "gate failed: " + detail));

    /// <summary>
    /// The resume after a passed gate: done, failed, or — slurmctld did not answer — nothing yet (null): the
    /// gate passed and only the controller is missing, so the resume is tried again on a later pass.
    /// </summary>
    public static NodeChange? Resumed(PlannedNode planned, bool controllerUnreachable, string? error, DateTimeOffset now) =>
        controllerUnreachable ? null
        : error is null ? RebuildOutcomes.GatePassed(planned, now)
        : RebuildOutcomes.ActionFailed(planned, "resume after the gate", error, now);
}
