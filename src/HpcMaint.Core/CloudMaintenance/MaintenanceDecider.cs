using System.Globalization;
using HpcMaint.Core.Hostlists;
using HpcMaint.Core.Rebuild;
using HpcMaint.Core.Remediation;
using HpcMaint.Core.Slurm;

namespace HpcMaint.Core.CloudMaintenance;

/// <summary>
/// The OCI maintenance flow as a pure function: events + Slurm nodes + hpcmaint's records + policy + now → one
/// decision per event with its why. Each event passes ordered gates that fail closed (processed, mapped to a
/// Slurm node, not excluded, an approved fault code, still SCHEDULED and reschedulable, no one else's drain);
/// one in progress follows its own state (the attempt in its tags, its work request, OCI's lifecycle) to the
/// gate. A correlation group is drained all or none under the daily cap, the concurrency limit and each
/// partition's budget, and scheduled only once every member is drained and idle; a group with a member due
/// within [oci.maintenance] due_within is taken past all three, and says so.
/// </summary>
public static class MaintenanceDecider
{
    /// <summary>How long after a schedule its answer is asked for again with the same retry token (OCI keeps a token 24 hours).</summary>
    public static readonly TimeSpan ReplayWithin = TimeSpan.FromHours(12);

    public static MaintenancePlan Decide(MaintenanceInput input) => new Pass(input).Run();

    private sealed class Pass(MaintenanceInput input)
    {
        private readonly Dictionary<string, Node> nodes = input.Nodes.GroupBy(n => n.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        private readonly HashSet<string> excluded = new(input.Settings.ExcludedHosts, StringComparer.Ordinal);
        private readonly HashSet<string> approved = new(input.Settings.ApprovedFaultCodes, StringComparer.Ordinal);
        private readonly Dictionary<string, EventDecision> decided = new(StringComparer.Ordinal);

        private DateTimeOffset Now => input.Now;

        private Config.OciMaintenanceSettings Settings => input.Settings;

        public MaintenancePlan Run()
        {
            var order = input.Events
                .OrderBy(e => e.TimeHardDueDate ?? DateTimeOffset.MaxValue)
                .ThenBy(e => e.TimeWindowStart ?? DateTimeOffset.MaxValue)
                .ThenBy(e => e.Id, StringComparer.Ordinal)
                .ToArray();
            var pending = new Dictionary<string, Stage>(StringComparer.Ordinal);
            foreach (var e in order)
            {
                var (decision, stage) = Look(e);
                if (decision is not null)
                {
                    decided[e.Id] = decision;
                }
                else
                {
                    pending[e.Id] = stage;
                }
            }

            var inFlight = order.Count(e => IsInFlight(e) && e.Processed is null);
            var candidates = pending.Where(p => p.Value == Stage.Candidate).Select(p => p.Key).ToHashSet(StringComparer.Ordinal);
            var cap = DailyCap.Of(input.Records, Settings.DailyCap, Now, candidates);
            var budgets = Budgets();
            var taken = 0;

            // Groups in the order of their most urgent member: a due group is taken before the cap is spent.
            foreach (var group in order.Where(e => pending.ContainsKey(e.Id)).GroupBy(e => e.Group, StringComparer.Ordinal))
            {
                var members = order.Where(e => e.Group == group.Key && e.Processed is null && !(e.IsFinal && !IsInFlight(e))).ToArray();
                var blocked = members.FirstOrDefault(m => decided.TryGetValue(m.Id, out var d) && d.Verdict == EventVerdict.Report);
                var waiting = group.Where(e => pending[e.Id] == Stage.Candidate).ToArray();
                var drained = group.Where(e => pending[e.Id] == Stage.Drained).ToArray();
                if (waiting.Length > 0)
                {
                    taken += Start(group.Key, waiting, members, blocked, cap, inFlight + taken, budgets);
                }

                if (drained.Length > 0)
                {
                    Schedule(group.Key, drained, members);
                }
            }

            var decisions = order.Select(e => decided[e.Id]).ToArray();
            return new MaintenancePlan(decisions, cap.Used, cap.Cap, inFlight + taken);
        }

        private enum Stage
        {
            /// <summary>Passed every gate: its node may be drained, with its group.</summary>
            Candidate,

            /// <summary>Its node is drained for it and it is not yet scheduled: scheduled with its group.</summary>
            Drained,
        }

        private bool IsInFlight(MaintenanceEvent e) =>
            e.ScheduleAttempt > 0
            || (input.Records.TryGetValue(e.Id, out var r) && r.Attempts > 0)
            || (e.Node is { } name && nodes.TryGetValue(name, out var node) && MaintenanceReasons.DrainedFor(node, e.Id));

        private (EventDecision? Decision, Stage Stage) Look(MaintenanceEvent e)
        {
            if (e.Processed is { } processed)
            {
                return (new EventDecision(e, EventVerdict.Done, $"processed ({Settings.ProcessedTag}={processed})", []), default);
            }

            if (IsInFlight(e))
            {
                return InProgress(e);
            }

            if (e.Node is not { } name)
            {
                return (EventDecision.Report(e, $"instance {e.InstanceId} maps to no Slurm node: {e.NodeProblem ?? "unknown"}"), default);
            }

            if (!nodes.TryGetValue(name, out var node))
            {
                return (EventDecision.Report(e, $"{name} is not a node Slurm knows"), default);
            }

            if (excluded.Contains(name))
            {
                return (EventDecision.Report(e, $"{name} is in [oci.maintenance] excluded_hosts"), default);
            }

            if (e.FaultCodes.Count == 0)
            {
                return (EventDecision.Report(e, "the event names no fault code: only approved fault codes are acted on"), default);
            }

            if (!e.FaultCodes.Any(approved.Contains))
            {
                return (EventDecision.Report(e, $"fault code {string.Join(", ", e.FaultCodes)} is not in [oci.maintenance] approved_fault_codes"), default);
            }

            if (e.State != MaintenanceEvent.Scheduled)
            {
                return (EventDecision.Report(e, e.IsFinal ? $"ended {e.State} without hpcmaint" : $"OCI is carrying it out on its own ({e.State})"), default);
            }

            if (!e.CanReschedule)
            {
                return (EventDecision.Report(e, $"OCI does not let it be rescheduled (canReschedule=false): it runs at {Time(e.TimeWindowStart)}"), default);
            }

            if (NodeOwnership.IsHeld(node.State) || node.State.IsRebootPending)
            {
                return (EventDecision.Report(e, $"{name} is held by someone else ({node.State}, reason \"{node.Reason}\"): not touched"), default);
            }

            return (null, Stage.Candidate);
        }

        private (EventDecision? Decision, Stage Stage) InProgress(MaintenanceEvent e)
        {
            var record = input.Records.GetValueOrDefault(e.Id);
            if (e.Node is not { } name || !nodes.TryGetValue(name, out var node))
            {
                return (EventDecision.Wait(e, $"in progress, but {e.Node ?? "its node"} is not in Slurm now: waits until it is"), default);
            }

            var ours = MaintenanceReasons.DrainedFor(node, e.Id);
            switch (e.State)
            {
                case MaintenanceEvent.Succeeded:
                    return (AfterSuccess(e, node, ours, record), default);
                case MaintenanceEvent.Failed or MaintenanceEvent.Canceled:
                    var why = $"OCI ended it {e.State}{(e.LifecycleDetails is { } details ? ": " + details : string.Empty)}";
                    return (ours
                        ? new EventDecision(e, EventVerdict.Finish, why + ": drained for a person", MaintenanceFailure.Steps(e.Id, name, $"ended {e.State}", "failed: " + e.State, Settings, record))
                        : Finish(e, why + $"; {name} is not in hpcmaint's drain for it", null, "ended " + e.State), default);
                case MaintenanceEvent.Started or MaintenanceEvent.Processing:
                    return (EventDecision.Wait(e, $"OCI is carrying it out ({e.State}{(e.TimeStarted is { } started ? " since " + Time(started) : string.Empty)})"), default);
            }

            var asked = record?.Attempts ?? 0;
            if (asked > e.ScheduleAttempt && record?.ScheduledFor is { } start)
            {
                // The tags go in the schedule's own update: an event without them never got that update.
                return (new EventDecision(e, EventVerdict.Schedule, $"attempt {asked} was asked but the event does not carry it: asked again with the same retry token", [new MaintenanceAction.Schedule(e.Id, name, asked, start)]), default);
            }

            if (e.ScheduleAttempt > 0)
            {
                return (Scheduled(e, name, record), default);
            }

            return ours
                ? (null, Stage.Drained)
                : (EventDecision.Wait(e, $"hpcmaint's record says attempt {asked} was asked without a start; {name} is {node.State}: remove the event's record from [oci.maintenance] state_dir to start over"), default);
        }

        private EventDecision Scheduled(MaintenanceEvent e, string name, MaintenanceRecord? record)
        {
            var attempt = e.ScheduleAttempt;
            var at = Time(e.TimeWindowStart);
            if (e.WorkRequest is null && record is { WorkRequestId: null, ScheduledFor: { } asked } && record.Attempts == attempt && Now - asked < ReplayWithin)
            {
                // A pass killed after OCI took the schedule but before its answer was kept: the same retry token
                // gets the same answer (the work request) and changes nothing.
                return new EventDecision(e, EventVerdict.Schedule, $"scheduled (attempt {attempt}) but its work request was not kept: asked again with the same retry token for OCI's answer",
                    [new MaintenanceAction.Schedule(e.Id, name, attempt, asked)]);
            }

            if (e.WorkRequest is not { } request)
            {
                return EventDecision.Wait(e, $"scheduled by hpcmaint (attempt {attempt}) for {at}; its work request is not known: following the event");
            }

            if (!request.Failed)
            {
                return EventDecision.Wait(e, $"scheduled (attempt {attempt}) for {at}; work request {request}");
            }

            if (attempt > Settings.MaxReschedules)
            {
                return new EventDecision(e, EventVerdict.Finish, $"work request {request} (attempt {attempt}): {attempt} schedules failed, [oci.maintenance] max_reschedules = {Settings.MaxReschedules}: drained for a person",
                    MaintenanceFailure.Steps(e.Id, name, $"{attempt} schedules failed", $"failed: {attempt} schedules failed", Settings, record));
            }

            var start = Now + Settings.ScheduleLead;
            return new EventDecision(e, EventVerdict.Schedule, $"work request {request}: scheduled again for {Time(start)} (attempt {attempt + 1} of {Settings.MaxReschedules + 1})",
                [new MaintenanceAction.RecordSchedule(e.Id, name, attempt + 1, start, Now), new MaintenanceAction.Schedule(e.Id, name, attempt + 1, start)]);
        }

        private EventDecision AfterSuccess(MaintenanceEvent e, Node node, bool ours, MaintenanceRecord? record)
        {
            if (record?.GatePassed is { } passed)
            {
                var detail = record.GateDetail ?? "(no detail kept)";
                return new EventDecision(e, EventVerdict.Finish, $"SUCCEEDED; the gate {(passed ? "passed" : "failed")} on an earlier pass ({detail}): carried on from its kept verdict",
                    MaintenanceGate.Carry(e.Id, node.Name, passed, detail, ours, Settings, record));
            }

            if (!ours)
            {
                return Finish(e, $"SUCCEEDED; {node.Name} is not in hpcmaint's drain for it ({node.State}): marked processed", null, "succeeded");
            }

            var since = e.TimeStarted ?? record?.ScheduledFor ?? e.TimeWindowStart;
            if (since is { } maintained && !BootTimes.IsAfter(node.BootTime, maintained))
            {
                return EventDecision.Wait(e, $"SUCCEEDED; waits for {node.Name} to boot after the maintenance began at {Time(maintained)} (BootTime {Time(node.BootTime)})");
            }

            if (node.State.Has(NodeFlags.NotResponding) || node.State.IsRebootPending)
            {
                return EventDecision.Wait(e, $"SUCCEEDED; {node.Name} booted but is {node.State}: waits for it to answer");
            }

            return new EventDecision(e, EventVerdict.Verify, $"SUCCEEDED and {node.Name} booted at {Time(node.BootTime)}: the health gate decides", [new MaintenanceAction.RunGate(e.Id, node.Name)]);
        }

        private static EventDecision Finish(MaintenanceEvent e, string why, MaintenanceAction? first, string outcome) =>
            new(e, EventVerdict.Finish, why, first is null ? [new MaintenanceAction.MarkProcessed(e.Id, outcome)] : [first, new MaintenanceAction.MarkProcessed(e.Id, outcome)]);

        /// <summary>All of the group's waiting events leave service, or none: returns how many were taken.</summary>
        private int Start(string group, MaintenanceEvent[] waiting, MaintenanceEvent[] members, MaintenanceEvent? blocked, DailyCap cap, int inFlight, Dictionary<string, PartitionBudget> budgets)
        {
            var label = waiting.Length == members.Length && members.Length == 1 ? string.Empty : $"group {group} ({members.Length} events) moves together: ";
            if (blocked is not null)
            {
                foreach (var e in waiting)
                {
                    decided[e.Id] = EventDecision.Report(e, $"{label}{blocked.Id} on {blocked.Node ?? blocked.InstanceId} is held back ({decided[blocked.Id].Why})");
                }

                return 0;
            }

            // A group half started (a pass killed between its drains) is completed whatever the limits: never split.
            var started = members.Length > waiting.Length;
            var due = members.FirstOrDefault(m => m.IsDue(Now, Settings.DueWithin));
            var names = waiting.Select(e => e.Node!).Distinct(StringComparer.Ordinal).ToArray();
            var refusals = new List<string>();
            if (waiting.Length > cap.Cap)
            {
                refusals.Add($"daily cap: the group's {waiting.Length} events are more than daily_cap = {cap.Cap} allows in one day: raise [oci.maintenance] daily_cap to {waiting.Length} or more, or it waits for its due date");
            }
            else if (!cap.Admits(waiting.Length))
            {
                refusals.Add(cap.Arithmetic(waiting.Length));
            }

            if (inFlight + waiting.Length > Settings.MaxConcurrent)
            {
                refusals.Add(string.Create(CultureInfo.InvariantCulture, $"max_concurrent: {inFlight} in progress + {waiting.Length} = {inFlight + waiting.Length} > {Settings.MaxConcurrent}"));
            }

            var mine = names.SelectMany(n => nodes[n].Partitions).Distinct(StringComparer.Ordinal).Where(budgets.ContainsKey).Select(p => budgets[p]).ToArray();
            var arithmetic = mine.Select(b => Arithmetic(b, In(b, names))).ToArray();
            refusals.AddRange(mine.Where(b => !Fits(b, In(b, names))).Select(b => "budget: " + Arithmetic(b, In(b, names))));

            string why;
            var overridden = false;
            if (refusals.Count == 0 || started)
            {
                why = started ? "the rest of a group already started" : string.Join("; ", [cap.Arithmetic(waiting.Length), .. arithmetic]);
            }
            else if (due is not null)
            {
                overridden = true;
                why = $"due {Time(due.TimeHardDueDate)} ({due.Id}, within {Config.DurationText.Format(Settings.DueWithin)}): out of jobs before then past {string.Join("; ", refusals)}";
            }
            else
            {
                foreach (var e in waiting)
                {
                    decided[e.Id] = EventDecision.Wait(e, label + string.Join("; ", refusals));
                }

                return 0;
            }

            cap.Take(waiting.Length);
            foreach (var budget in mine)
            {
                foreach (var n in In(budget, names))
                {
                    budget.MarkUnavailable(n);
                }
            }

            foreach (var e in waiting)
            {
                var node = nodes[e.Node!];
                var after = node.State.IsBusy ? "after its running jobs" : "now (idle)";
                MaintenanceAction[] actions = input.Records.TryGetValue(e.Id, out var record) && record.Node == node.Name
                    ? [new MaintenanceAction.Drain(e.Id, node.Name, MaintenanceReasons.For(e.Id))]
                    : [new MaintenanceAction.RecordStart(e.Id, node.Name, Now), new MaintenanceAction.Drain(e.Id, node.Name, MaintenanceReasons.For(e.Id))];
                decided[e.Id] = new EventDecision(e, EventVerdict.Drain, $"{label}fault {string.Join(", ", e.FaultCodes.Where(approved.Contains))}: {node.Name} leaves service {after}; {why}", actions) { DueOverride = overridden };
            }

            return waiting.Length;
        }

        /// <summary>The group's drained events are scheduled together once every member's node is drained and idle.</summary>
        private void Schedule(string group, MaintenanceEvent[] drained, MaintenanceEvent[] members)
        {
            var label = members.Length == 1 ? string.Empty : $"group {group} ({members.Length} events): ";
            var notReady = members
                .Where(m => m.ScheduleAttempt == 0 && !m.IsFinal)
                .Select(m => m.Node is { } n && nodes.TryGetValue(n, out var node) ? (m, node) : (m, (Node?)null))
                .Where(x => x.Item2 is not { } node || !MaintenanceReasons.DrainedFor(node, x.m.Id) || node.State.IsBusy)
                .Select(x => x.Item2 is not { } node ? $"{x.m.Id} has no Slurm node"
                    : !MaintenanceReasons.DrainedFor(node, x.m.Id) ? $"{node.Name} is not out of service yet ({node.State})"
                    : $"{node.Name} still runs jobs ({node.State})")
                .ToArray();
            foreach (var e in drained)
            {
                if (notReady.Length > 0)
                {
                    decided[e.Id] = EventDecision.Wait(e, label + "waits: " + string.Join("; ", notReady));
                    continue;
                }

                var start = Now + Settings.ScheduleLead;
                decided[e.Id] = new EventDecision(e, EventVerdict.Schedule, $"{label}{e.Node} is drained and idle: scheduled for {Time(start)} (attempt 1)",
                    [new MaintenanceAction.RecordSchedule(e.Id, e.Node!, 1, start, Now), new MaintenanceAction.Schedule(e.Id, e.Node!, 1, start)]);
            }
        }

        /// <summary>Each partition's budget under [oci.maintenance] max_down, counting every node out of service now.</summary>
        private Dictionary<string, PartitionBudget> Budgets()
        {
            var budgets = input.Nodes.SelectMany(n => n.Partitions).GroupBy(p => p, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => new PartitionBudget(g.Key, g.Count(), Settings.MaxDownPercent), StringComparer.Ordinal);
            foreach (var node in input.Nodes.Where(n => n.State.IsUnavailable))
            {
                foreach (var p in node.Partitions)
                {
                    budgets[p].MarkUnavailable(node.Name);
                }
            }

            return budgets;
        }

        private string[] In(PartitionBudget budget, string[] names) => names.Where(n => nodes[n].Partitions.Contains(budget.Partition)).ToArray();

        private static bool Fits(PartitionBudget budget, string[] names) =>
            budget.Unavailable.Count(n => !names.Contains(n)) + names.Length <= budget.Limit;

        /// <summary>"batch: 1 out (n3) + n[1-2] = 3 > 2 (50 % of 4)".</summary>
        private static string Arithmetic(PartitionBudget budget, string[] names)
        {
            var others = budget.Unavailable.Where(n => !names.Contains(n)).ToArray();
            var list = others.Length == 0 ? string.Empty : $" ({Hostlist.Compress(others)})";
            var sum = others.Length + names.Length;
            return string.Create(CultureInfo.InvariantCulture,
                $"{budget.Partition}: {others.Length} out{list} + {Hostlist.Compress(names)} = {sum} {(sum <= budget.Limit ? "≤" : ">")} {budget.Limit} ({budget.MaxDownPercent} % of {budget.Total})");
        }

        private static string Time(DateTimeOffset? time) => time is { } t ? t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture) : "(unknown)";
    }
}
