using System.Globalization;
using HpcMaint.Core.Slurm;

namespace HpcMaint.Core.Rebuild;

/// <summary>
/// Takes a node through the reservation strategy: its MAINT reservation (hpcmaint-PLAN-NODE) created from
/// the end of its last running job and moved each pass as jobs end early or are extended → once the
/// reservation has started and the node is idle in it, a plain `scontrol reboot` (the image in the
/// reason for a rebuild), an attempt timing out after <see cref="RebuildPlan.RebootTimeout"/> and tried
/// again up to <see cref="RebuildPlan.MaxAttempts"/> → the gate → the reservation deleted: the node is back
/// in service. A node that never comes back is drained with a ticket before its reservation is deleted.
/// Only the plan's own reservations are touched, found by their exact names.
/// </summary>
public static class ReservationTracker
{
    public static (NodeChange? Change, IReadOnlyList<RebuildAction> Actions) Observe(RebuildPlan plan, PlannedNode planned, ClusterView view, RebuildSettings settings)
    {
        if (!planned.Step.IsInFlight() || view.Node(planned.Name) is not { } node)
        {
            return (null, []);
        }

        var reservation = MaintenanceReservations.OfPlan(plan, planned.Name, view);
        return planned.Step switch
        {
            RebuildStep.Reserving => Reserving(plan, planned, reservation, view, settings),
            RebuildStep.Reserved => Reserved(plan, planned, node, reservation, view, settings),
            RebuildStep.Rebooting => Rebooting(plan, planned, node, view),
            RebuildStep.Gating => (null, [new RebuildAction.Gate(planned.Name)]),
            RebuildStep.Releasing => Releasing(planned, node, reservation, view),
            _ => (null, []),
        };
    }

    /// <summary>What a pass admitted: the reservation to create (recorded as Reserving before it is sent).</summary>
    public static (NodeChange Change, RebuildAction Action) Admitted(RebuildPlan plan, PlannedNode planned, ClusterView view, RebuildSettings settings, string why)
    {
        var name = MaintenanceReservations.Name(plan.Id, planned.Name);
        var start = MaintenanceReservations.Start(planned.Name, view, settings, plan.TerminatePreemptable);
        var reserving = planned.MoveTo(RebuildStep.Reserving, view.Now, $"reservation {name} from {When(start)}");
        return (new NodeChange(planned, reserving, why), new RebuildAction.Reserve(planned.Name, name, start));
    }

    /// <summary>The create was sent: the node waits in its reservation.</summary>
    public static NodeChange Reserved(PlannedNode planned, RebuildAction.Reserve reserve, DateTimeOffset now) =>
        new(planned, planned.MoveTo(RebuildStep.Reserved, now, $"reservation {reserve.Name} from {When(reserve.Start)}"), $"MAINT reservation {reserve.Name} created, from {When(reserve.Start)}");

    /// <summary>`scontrol reboot` was refused: the attempt's timeout still runs, then the next attempt (or the failure) follows.</summary>
    public static NodeChange RebootRefused(PlannedNode planned, string error) =>
        new(planned, planned with { Detail = $"scontrol reboot failed (attempt {planned.Attempts}): {error}" }, $"scontrol reboot failed (attempt {planned.Attempts}): {error}");

    /// <summary>The gate's verdict: either way the reservation is deleted next; a failed node is drained with a ticket first.</summary>
    public static NodeChange GateEnded(PlannedNode planned, bool passed, string detail, DateTimeOffset now) =>
        passed
            ? new(planned, planned.MoveTo(RebuildStep.Releasing, now, "gate passed; deleting the reservation"), "gate passed; deleting the reservation")
            : Failing(planned, "gate failed: " + detail, now);

    private static (NodeChange?, IReadOnlyList<RebuildAction>) Reserving(RebuildPlan plan, PlannedNode planned, Reservation? reservation, ClusterView view, RebuildSettings settings)
    {
        if (reservation is not null)
        {
            var reserved = planned.MoveTo(RebuildStep.Reserved, view.Now, $"reservation {reservation.Name} from {When(reservation.StartTime)}");
            return (new NodeChange(planned, reserved, $"reservation {reservation.Name} was created before the interruption; following it"), []);
        }

        // Recorded, then the runner stopped before the create was sent (or it failed): send it again.
        var name = MaintenanceReservations.Name(plan.Id, planned.Name);
        return (null, [new RebuildAction.Reserve(planned.Name, name, MaintenanceReservations.Start(planned.Name, view, settings, plan.TerminatePreemptable))]);
    }

    private static (NodeChange?, IReadOnlyList<RebuildAction>) Reserved(RebuildPlan plan, PlannedNode planned, Node node, Reservation? reservation, ClusterView view, RebuildSettings settings)
    {
        if (reservation is null)
        {
            const string gone = "its reservation was deleted by someone else before the reboot; left alone";
            return (new NodeChange(planned, planned.MoveTo(RebuildStep.Cancelled, view.Now, gone), gone), []);
        }

        if (!MaintenanceReservations.HasStarted(reservation, view.Now))
        {
            var start = MaintenanceReservations.Start(planned.Name, view, settings, plan.TerminatePreemptable);
            var wanted = start ?? view.Now;
            if (reservation.StartTime is not { } at || Math.Abs((at - wanted).TotalSeconds) >= 1)
            {
                var moved = planned with { Detail = $"reservation {reservation.Name} from {When(start)}" };
                return (new NodeChange(planned, moved, $"its last job now ends {When(start)}: reservation {reservation.Name} moved from {When(reservation.StartTime)}"),
                    [new RebuildAction.MoveReservation(planned.Name, reservation.Name, start)]);
            }

            return (null, []);
        }

        if (plan.TerminatePreemptable
            && MaintenanceReservations.ToRequeue(planned.Name, view, settings).Where(j => !planned.RequeueAsked.Contains(j.Id)).ToArray() is { Length: > 0 } requeue)
        {
            // Asked once per job, recorded before the request: a refusal is journalled and the node waits for the job's end.
            var ids = string.Join(",", requeue.Select(j => j.Id.ToString(CultureInfo.InvariantCulture)));
            var asking = planned with { RequeueAsked = [.. planned.RequeueAsked, .. requeue.Select(j => j.Id)], Detail = $"in its reservation; requeueing preemptable job(s) {ids}" };
            return (new NodeChange(planned, asking, $"reservation {reservation.Name} started: requeueing preemptable job(s) {ids} (--terminate-preemptable)"),
                requeue.Select(j => (RebuildAction)new RebuildAction.Requeue(planned.Name, j.Id)).ToArray());
        }

        if (!MaintenanceReservations.IsIdleIn(node, view))
        {
            var waiting = $"in its reservation, waits for the node to be idle ({node.State}{(node.Reason is { } r ? ", " + r : string.Empty)})";
            return (planned.Detail == waiting ? null : new NodeChange(planned, planned with { Detail = waiting }, waiting), []);
        }

        return Reboot(plan, planned, view.Now, $"idle in reservation {reservation.Name}; plain scontrol reboot" + (plan.ChangesImage ? " with the image in the reason" : string.Empty));
    }

    private static (NodeChange?, IReadOnlyList<RebuildAction>) Rebooting(RebuildPlan plan, PlannedNode planned, Node node, ClusterView view)
    {
        var state = node.State;
        var asked = planned.RebootAsked ?? planned.Since;
        var booted = BootTimes.IsAfter(node.BootTime, asked);
        var settling = state.IsRebootPending || state.Has(NodeFlags.NotResponding) || state.Has(NodeFlags.PoweringUp);
        if (booted && !settling && !state.IsDown)
        {
            var image = view.ImageOf(node.Name);
            if (plan.ChangesImage && !image.Is(plan.Image))
            {
                return Fail(plan, planned, $"rebooted but reports image {image}, not {plan.Image}", view.Now);
            }

            var on = plan.ChangesImage ? $"booted on {plan.Image}" : $"booted at {node.BootTime:u}, after the reboot was asked";
            return (new NodeChange(planned, planned.MoveTo(RebuildStep.Gating, view.Now, "gate running"), on + "; running the gate"), [new RebuildAction.Gate(node.Name)]);
        }

        var took = view.Now - asked;
        if (took > plan.RebootTimeout)
        {
            var why = string.Create(CultureInfo.InvariantCulture, $"attempt {planned.Attempts} of {plan.MaxAttempts}: not back within {plan.RebootTimeout.TotalSeconds:0} s (--reboot-timeout; {node.State}{(node.Reason is { } r ? ", " + r : string.Empty)})");
            return planned.Attempts < plan.MaxAttempts
                ? Reboot(plan, planned, view.Now, why + "; rebooting again")
                : Fail(plan, planned, "did not come back: " + why, view.Now);
        }

        if (!booted && !settling && !state.IsDown && took > DrainTracker.LostRebootAfter)
        {
            // The request never reached Slurm (the runner stopped first): asked again, the same attempt.
            var again = planned.MoveTo(RebuildStep.Rebooting, view.Now, planned.Detail) with { RebootAsked = view.Now };
            return (new NodeChange(planned, again, "no reboot seen since the request (lost when the runner stopped?); asking again"), [new RebuildAction.Reboot(node.Name, DrainTracker.Reason(plan))]);
        }

        return (null, []);
    }

    private static (NodeChange?, IReadOnlyList<RebuildAction>) Releasing(PlannedNode planned, Node node, Reservation? reservation, ClusterView view)
    {
        if (reservation is not null)
        {
            var name = reservation.Name;
            return planned.FailedWhy is { } why && !node.State.IsDrainSet
                ? (null, [new RebuildAction.DrainFailed(node.Name, why), new RebuildAction.Release(node.Name, name)])
                : (null, [new RebuildAction.Release(node.Name, name)]);
        }

        return planned.FailedWhy is { } failed
            ? (new NodeChange(planned, planned.MoveTo(RebuildStep.Failed, view.Now, failed) with { FailedWhy = null }, failed + "; reservation deleted, left drained for a person"), [])
            : (new NodeChange(planned, planned.MoveTo(RebuildStep.Done, view.Now, "gate passed; reservation deleted") with { FailedWhy = null }, "reservation deleted: back in service"), []);
    }

    /// <summary>The reboot asked, recorded before the request: a boot after <see cref="PlannedNode.RebootAsked"/> proves it.</summary>
    private static (NodeChange, IReadOnlyList<RebuildAction>) Reboot(RebuildPlan plan, PlannedNode planned, DateTimeOffset now, string why)
    {
        var attempt = planned.Attempts + 1;
        var rebooting = planned.MoveTo(RebuildStep.Rebooting, now, $"reboot requested (attempt {attempt} of {plan.MaxAttempts})") with { RebootAsked = now, Attempts = attempt };
        return (new NodeChange(planned, rebooting, why), [new RebuildAction.Reboot(planned.Name, DrainTracker.Reason(plan))]);
    }

    /// <summary>Failed: drained with a ticket, then the reservation deleted (in that order: a broken node never takes jobs).</summary>
    private static (NodeChange, IReadOnlyList<RebuildAction>) Fail(RebuildPlan plan, PlannedNode planned, string why, DateTimeOffset now) =>
        (Failing(planned, why, now), [new RebuildAction.DrainFailed(planned.Name, why), new RebuildAction.Release(planned.Name, MaintenanceReservations.Name(plan.Id, planned.Name))]);

    private static NodeChange Failing(PlannedNode planned, string why, DateTimeOffset now) =>
        new(planned, planned.MoveTo(RebuildStep.Releasing, now, why + "; draining, then deleting the reservation") with { FailedWhy = why }, why);

    private static string When(DateTimeOffset? start) => start is { } at ? at.ToString("u", CultureInfo.InvariantCulture) : "now";
}
