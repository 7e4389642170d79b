namespace HpcMaint.Core.Rebuild;

/// <summary>
/// `--what-if`: the plan run forward in time on a copy of the reading, the real planner deciding every
/// pass (<see cref="WavePlanner"/>: the same budgets, switch budgets and first-free admission), so the
/// prediction can never admit what the run would not. Time steps from event to event: a node back from
/// its reboot, a job in the rebuild partition ending, a MAINT reservation coming within the lead time or
/// ending, each seen by the first pass at least one poll interval after the one before (as the runner
/// looks). An admitted node's work ends at its jobs' end time (Slurm's, as
/// <see cref="AdmissionOrder.BusyUntil"/> reads it); its reboot is asked one poll interval later (the pass
/// that finds it free) and lasts its <see cref="RebootEstimate"/>; every reboot is assumed to succeed.
/// A pass costs what a real one does (about 150 ms at 10,000 nodes), so the run is cut after
/// <see cref="MaxPasses"/> simulated passes (the nodes not reached by then are named as not predicted):
/// some <see cref="Asked"/> node-passes for `--what-if`, and only <see cref="AtStart"/> for the prediction a
/// real run keeps for `status`, which must not hold the start of a 10,000-node plan back by seconds.
/// Pure: nothing is sent anywhere.
/// </summary>
public static class WhatIfPlanner
{
    /// <summary>Node-passes simulated for `--what-if` (several seconds at 10,000 nodes).</summary>
    public const int Asked = 500_000;

    /// <summary>Node-passes simulated when a real run starts (under a second at any size).</summary>
    public const int AtStart = 50_000;

    /// <summary>The simulated passes a plan of <paramref name="nodes"/> nodes gets within <paramref name="nodePasses"/>: 5 to 5,000.</summary>
    public static int MaxPasses(int nodes, int nodePasses = Asked) => Math.Clamp(nodePasses / Math.Max(1, nodes), 5, 5_000);

    public static Prediction Predict(RebuildPlan plan, ClusterView view, RebuildSettings settings, IReadOnlyDictionary<string, RebootEstimate> estimates, int nodePasses = Asked)
    {
        var maxPasses = MaxPasses(plan.Nodes.Count, nodePasses);
        var predicted = new List<PredictedNode>();
        var unpredicted = new Dictionary<string, string>(StringComparer.Ordinal);
        var simulated = plan;
        var now = view.Now;
        var wave = 0;
        var lastReasons = new Dictionary<string, string>(StringComparer.Ordinal);

        // In flight when the prediction is made (a resumed plan): back one estimate after its reboot was asked.
        foreach (var n in plan.Nodes.Where(n => n.Step.IsInFlight()))
        {
            var asked = n.RebootAsked ?? n.Since;
            var estimate = EstimateOf(n.Name, estimates, plan);
            var back = Later(asked + estimate.Duration, now);
            predicted.Add(new PredictedNode(n.Name, 0, n.Since, asked, asked, back, estimate));
        }

        var events = Events(view, settings);
        var cut = false;
        for (var pass = 0; ; pass++)
        {
            if (pass == maxPasses)
            {
                cut = true;
                break;
            }

            var returned = predicted.Where(p => p.Back <= now && simulated.Find(p.Name)!.Step.IsInFlight())
                .Select(p => simulated.Find(p.Name)!.MoveTo(RebuildStep.Done, p.Back)).ToArray();
            simulated = simulated.With(returned);
            var at = At(view, now);
            var decision = WavePlanner.Decide(simulated, at, settings);
            var busy = AdmissionOrder.BusyUntil(at, settings, plan.TerminatePreemptable);
            var changed = new List<PlannedNode>();
            var admittedHere = false;
            foreach (var d in decision.Decisions)
            {
                var planned = simulated.Find(d.Node)!;
                switch (d)
                {
                    case NodeDecision.Admit admit when plan.Strategy == RebuildStrategy.Reservation && admit.Reservation is { } other && other != MaintenanceReservations.Name(plan.Id, d.Node):
                        lastReasons[d.Node] = $"in MAINT reservation {other}, which is not this plan's";
                        break;
                    case NodeDecision.Admit or NodeDecision.Adopt:
                        admittedHere |= d is NodeDecision.Admit;
                        var free = d is NodeDecision.Adopt ? now : Later(busy.GetValueOrDefault(d.Node, now), now);
                        changed.Add(planned.MoveTo(InFlight(plan.Strategy), now));
                        if (free == DateTimeOffset.MaxValue)
                        {
                            unpredicted[d.Node] = "its running jobs have no end time: it holds the budget until they end";
                            break;
                        }

                        var estimate = EstimateOf(d.Node, estimates, plan);
                        var start = free + settings.PollInterval;
                        predicted.Add(new PredictedNode(d.Node, wave + 1, now, free, start, start + estimate.Duration, estimate));
                        break;
                    case NodeDecision.Skip or NodeDecision.Held:
                        changed.Add(planned.MoveTo(RebuildStep.Skipped, now));
                        break;
                    case NodeDecision.Defer defer:
                        lastReasons[d.Node] = defer.Reason;
                        break;
                }
            }

            wave += admittedHere ? 1 : 0;
            simulated = simulated.With(changed);
            var next = predicted.Select(p => p.Back).Concat(events).Where(e => e > now).DefaultIfEmpty(DateTimeOffset.MaxValue).Min();
            if (!simulated.Nodes.Any(n => n.Step == RebuildStep.Waiting) || next == DateTimeOffset.MaxValue)
            {
                break;
            }

            // The runner looks once a poll interval: what happens between two passes is seen by the later one.
            now = Later(next, now + settings.PollInterval);
        }

        foreach (var n in simulated.Nodes.Where(n => n.Step == RebuildStep.Waiting))
        {
            unpredicted.TryAdd(n.Name, cut
                ? $"not reached within the {maxPasses} passes the what-if simulates"
                : "never admitted: " + lastReasons.GetValueOrDefault(n.Name, "nothing frees the budget for it"));
        }

        var kept = predicted.Where(p => !unpredicted.ContainsKey(p.Name)).ToArray();
        var missing = plan.Nodes.Where(n => unpredicted.ContainsKey(n.Name)).Select(n => new UnpredictedNode(n.Name, unpredicted[n.Name])).ToArray();
        return new Prediction(view.Now, kept, missing);
    }

    /// <summary>The step an admitted node is in while it is out: the one its strategy records first after admission.</summary>
    private static RebuildStep InFlight(RebuildStrategy strategy) => strategy switch
    {
        RebuildStrategy.Reservation => RebuildStep.Reserved,
        RebuildStrategy.Drain => RebuildStep.Draining,
        _ => RebuildStep.Submitted,
    };

    private static RebootEstimate EstimateOf(string node, IReadOnlyDictionary<string, RebootEstimate> estimates, RebuildPlan plan) =>
        estimates.GetValueOrDefault(node) ?? new RebootEstimate(plan.RebootTimeout, $"no estimate given for {node}: --reboot-timeout {plan.RebootTimeout.TotalSeconds:0} s");

    /// <summary>
    /// When the budgets change by themselves: a job in the rebuild partition ending, a foreign MAINT
    /// reservation counting or ending. A user job's end changes no decision (the planner admits busy
    /// nodes too, first-free first), so it needs no pass of its own: the next pass reads it.
    /// </summary>
    private static List<DateTimeOffset> Events(ClusterView view, RebuildSettings settings)
    {
        // A list, not an iterator: a compiler-made enumerator reads Environment, which the pure core may not use.
        var events = new List<DateTimeOffset>();
        foreach (var job in view.Jobs)
        {
            if (job is { IsActive: true, IsPending: false, EndTime: { } end } && job.Partition == settings.Partition)
            {
                events.Add(end);
            }
        }

        foreach (var r in view.Reservations.Where(r => r.IsMaintenance))
        {
            if (r.StartTime is { } start && start - settings.ReservationLead > view.Now)
            {
                events.Add(start - settings.ReservationLead);
            }

            if (r.EndTime is { } end)
            {
                events.Add(end);
            }
        }

        return events;
    }

    /// <summary>The reading as it would be at <paramref name="at"/>: the jobs that end by then gone.</summary>
    private static ClusterView At(ClusterView view, DateTimeOffset at) =>
        view.At(at, view.Jobs.Where(j => !(j is { IsActive: true, IsPending: false, EndTime: { } end } && end <= at)).ToArray());

    private static DateTimeOffset Later(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
