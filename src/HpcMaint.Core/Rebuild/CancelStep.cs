namespace HpcMaint.Core.Rebuild;

/// <summary>One node's part in cancelling a plan (<see cref="PlanCancellation"/>).</summary>
public abstract record CancelStep
{
    /// <summary>Nothing to run: the change is the whole step.</summary>
    public sealed record Now(NodeChange Change) : CancelStep;

    /// <summary>scancel the node's pending rebuild job.</summary>
    public sealed record CancelJob(PlannedNode Node, long JobId) : CancelStep;

    /// <summary>Delete the plan's reservation for the node (reservation strategy); then it is cancelled.</summary>
    public sealed record DeleteReservation(PlannedNode Node, string Name) : CancelStep;

    /// <summary>Resume the node hpcmaint drained (drain strategy) before its reboot was sent.</summary>
    public sealed record LiftDrain(PlannedNode Node) : CancelStep;
}
