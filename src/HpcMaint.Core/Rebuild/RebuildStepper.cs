namespace HpcMaint.Core.Rebuild;

/// <summary>
/// One planning pass: follow the nodes in flight, then admit waiting nodes under the budget freed by
/// those that finished. The returned plan already shows every step the actions lead to, so the runner
/// saves it first and a killed runner's successor knows what may have been sent. With
/// admissionClosed (why no node may start now) the nodes in flight are followed and none admitted. A plan
/// that can start nothing because of nodes outside its control is marked stalled (<see cref="StallFinder"/>).
/// </summary>
public static class RebuildStepper
{
    public static RebuildTurn Next(RebuildPlan plan, ClusterView view, RebuildSettings settings, string? admissionClosed = null)
    {
        var changes = new List<NodeChange>();
        var actions = new List<RebuildAction>();
        foreach (var planned in plan.Nodes)
        {
            var (change, seen) = Follow(plan, planned, view, settings);
            if (change is not null)
            {
                changes.Add(change);
            }

            actions.AddRange(seen);
        }

        var followed = plan.With(changes.Select(c => c.After).ToArray());
        var decision = WavePlanner.Decide(followed, view, settings, admissionClosed);
        var decided = new List<NodeChange>();
        foreach (var d in decision.Decisions)
        {
            var planned = followed.Find(d.Node)!;
            var (change, action) = Apply(plan, planned, d, view, settings);
            if (change is not null)
            {
                decided.Add(change);
            }

            if (action is not null)
            {
                actions.Add(action);
            }
        }

        var next = followed.With(decided.Select(c => c.After).ToArray()).Settle();

        // A closed window holds every node back by the plan's own rule: what the stall was stays as it was.
        var (stall, news) = admissionClosed is null || !next.IsOpen
            ? PlanStall.Next(plan.Stall, StallFinder.Find(next, decision, view, settings), view.Now)
            : (plan.Stall, null);
        return new RebuildTurn(next with { Stall = stall }, [.. changes, .. decided], actions, decision) { StallNews = news };
    }

    private static (NodeChange?, IReadOnlyList<RebuildAction>) Follow(RebuildPlan plan, PlannedNode planned, ClusterView view, RebuildSettings settings)
    {
        if (plan.Strategy == RebuildStrategy.Reservation)
        {
            return ReservationTracker.Observe(plan, planned, view, settings);
        }

        var (change, action) = plan.Strategy == RebuildStrategy.Job
            ? JobTracker.Observe(plan, planned, view, settings)
            : DrainTracker.Observe(plan, planned, view);
        return (change, action is null ? [] : [action]);
    }

    private static (NodeChange?, RebuildAction?) Apply(RebuildPlan plan, PlannedNode planned, NodeDecision decision, ClusterView view, RebuildSettings settings)
    {
        var now = view.Now;
        switch (decision)
        {
            case NodeDecision.Skip skip:
                return (new NodeChange(planned, planned.MoveTo(RebuildStep.Skipped, now, $"already on {skip.Image}"), $"already on {skip.Image}"), null);
            case NodeDecision.Held held:
                var heldWhy = $"held by {held.Hold.By} since {held.Hold.At:u} ({held.Hold.Reason}): not rebuilt";
                return (new NodeChange(planned, planned.MoveTo(RebuildStep.Skipped, now, heldWhy), heldWhy), null);
            case NodeDecision.Adopt adopt:
                var adopted = planned.MoveTo(RebuildStep.Submitted, now, adopt.Job.State.ToString()) with { JobId = adopt.Job.Id };
                return (new NodeChange(planned, adopted, $"job {adopt.Job.Id} for {plan.Target} is already queued; following it instead of submitting another"), null);
            case NodeDecision.Defer defer:
                return defer.Reason == planned.Detail ? (null, null) : (new NodeChange(planned, planned with { Detail = defer.Reason }, "waits: " + defer.Reason), null);
            case NodeDecision.Admit admit:
                var why = "admitted" + (admit.Frees is { } frees ? $" ({frees})" : string.Empty) + ": " + (admit.Arithmetic.Count == 0 ? "in no budgeted partition" : string.Join("; ", admit.Arithmetic));
                if (plan.Strategy == RebuildStrategy.Reservation)
                {
                    if (admit.Reservation is { } other && other != MaintenanceReservations.Name(plan.Id, planned.Name))
                    {
                        // Someone else's MAINT reservation has the node: hpcmaint neither uses nor touches it.
                        var foreign = $"in MAINT reservation {other}, which is not this plan's: waits until it is gone";
                        return foreign == planned.Detail ? (null, null) : (new NodeChange(planned, planned with { Detail = foreign }, "waits: " + foreign), null);
                    }

                    var (reserving, reserve) = ReservationTracker.Admitted(plan, planned, view, settings, why);
                    return (reserving, reserve);
                }

                if (plan.Strategy == RebuildStrategy.Job)
                {
                    var submitting = planned.MoveTo(RebuildStep.Submitting, now, admit.Reservation is null ? null : "into reservation " + admit.Reservation)
                        with { Attempts = planned.Attempts + 1, RebootAsked = now };
                    return (new NodeChange(planned, submitting, why), new RebuildAction.Submit(planned.Name, admit.Reservation));
                }

                var draining = planned.MoveTo(RebuildStep.Draining, now, "drain requested");
                return (new NodeChange(planned, draining, why), new RebuildAction.Drain(planned.Name, DrainTracker.Reason(plan)));
            default:
                throw new InvalidOperationException("unknown decision " + decision);
        }
    }
}
