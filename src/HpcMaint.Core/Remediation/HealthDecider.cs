using HpcMaint.Core.Slurm;
using HpcMaint.Core.Health;

namespace HpcMaint.Core.Remediation;

/// <summary>
/// Flow A as a pure function: check results + the node's Slurm state and record + strikes + now →
/// the plan. It never touches a node someone else holds (their drain or down, or a reboot they asked
/// for: <see cref="NodeOwnership"/>), never acts on a held node, never acts without slurmctld, and
/// stops at the breaker.
/// </summary>
public static class HealthDecider
{
    public static HealthPlan Decide(HealthInput input)
    {
        var strikes = input.Strikes.After(input.Results);
        var failing = input.Results.Where(r => !r.Passed && r.Definition.Priority.Blocks).ToArray();
        if (input.Slurm is not { } view)
        {
            var why = input.SlurmRefusal is { } refusal ? $"slurmctld gave no state for {input.NodeName} ({refusal})" : "slurmctld did not answer";
            return new HealthPlan(strikes, [], [failing.Length > 0
                ? $"{why}: failures recorded locally, nothing done until it answers"
                : $"{why}: nothing to do"]);
        }

        if (view.RecordProblem is { } problem)
        {
            return new HealthPlan(strikes, [], [$"not acting on {view.Node.Name}: its {NodeRecordField.Name(input.Settings.RecordField)} field cannot keep hpcmaint's record: {problem}; clear it or set [health] record_field"]);
        }

        if (view.Record.Hold is { } hold)
        {
            return new HealthPlan(strikes, [], [$"{view.Node.Name} is held by {hold.By} since {hold.At:u} ({hold.Reason}): not acting"]);
        }

        var decision = new Decision(input, view, strikes, failing);
        return view.Record.Ticket is { } ticket ? decision.WithTicket(ticket) : decision.WithoutTicket();
    }

    private sealed class Decision(HealthInput input, SlurmView view, StrikeBook strikes, CheckResult[] failing)
    {
        private readonly List<HealthAction> actions = [];
        private readonly List<string> notes = [];
        private NodeRecord record = view.Record;

        private string Node => view.Node.Name;

        private DateTimeOffset Now => input.Now;

        private bool DrainedByUs => view.DrainedByUs;

        /// <summary>Why someone else holds the node now (their drain or down, or a reboot they asked for); null when no one else does.</summary>
        private string? HeldByOthers
        {
            get
            {
                var node = view.Node;
                if (NodeOwnership.RebootAskedByOthers(node, view.Record.Ticket))
                {
                    return $"is in a reboot hpcmaint did not ask for ({node.State}{(node.NextStateAfterReboot is { } next ? ", NextState=" + next : string.Empty)})";
                }

                return NodeOwnership.Of(node, view.Record.Ticket) == NodeOwner.Other
                    ? $"is held by someone else ({node.State}, reason \"{node.Reason}\")"
                    : null;
            }
        }

        public HealthPlan WithoutTicket()
        {
            var triggered = Triggered().ToArray();
            if (triggered.Length > 0)
            {
                if (HeldByOthers is { } heldBy)
                {
                    notes.Add($"{Node} {heldBy}: not acting");
                    return Finish();
                }

                if (view.Peers is not { } peers)
                {
                    return new HealthPlan(strikes, [], []) { NeedsPeers = true };
                }

                if (Breaker.WhyOpen(view, peers, input.Settings.Breaker, Now) is { } why)
                {
                    notes.Add($"not draining {Node}: {why}");
                    record = record with { BreakerOpened = record.BreakerOpened ?? Now };
                    return Finish(breakerOpen: true);
                }

                return Open(triggered);
            }

            if (failing.Length == 0 && DrainedByUs)
            {
                actions.Add(new ResumeNode(Node, "every check passes; the drain was hpcmaint's"));
                record = record with { Acknowledged = false };
            }

            return Finish();
        }

        public HealthPlan WithTicket(Ticket ticket)
        {
            if (ticket.Step == LadderStep.Manual)
            {
                if (failing.Length == 0 && !DrainedByUs)
                {
                    Close(ticket, "closed: resumed by a person and every check passes");
                }
                else
                {
                    notes.Add($"{Node} is at the manual step since {ticket.StepStarted:u}: waiting for a person");
                }

                return Finish();
            }

            if (ticket.Step == LadderStep.Remedy)
            {
                return AtRemedy(ticket);
            }

            var rebooted = BootTimes.IsAfter(view.Node.BootTime, ticket.StepStarted);
            if (!rebooted)
            {
                notes.Add($"{Node}: waiting for the {NodeRecordCodec.StepName(ticket.Step)} requested at {ticket.StepStarted:u}");
                return Finish();
            }

            if (failing.Length == 0)
            {
                if (DrainedByUs)
                {
                    actions.Add(new ResumeNode(Node, $"every check passes after the {NodeRecordCodec.StepName(ticket.Step)}"));
                }

                Close(ticket, "closed: every check passes");
                return Finish();
            }

            if (HeldByOthers is { } heldBy)
            {
                notes.Add($"{Node} {heldBy}: not advancing the ticket");
                return Finish();
            }

            var next = NextStep(ticket.Step, Ladder(ticket.Check));
            var primary = Primary(failing.SelectMany(Findings).ToArray());
            Climb(ticket.With(next, Now, NodeRecordCodec.StepName(next)), primary, failing.Sum(f => f.Verdict.Findings.Count) - 1);
            return Finish();
        }

        // The remedy step: the remedy has run (the next run after it judges), or it waits for the
        // drain to empty the node. A fault that clears meanwhile needs no remedy.
        private HealthPlan AtRemedy(Ticket ticket)
        {
            if (failing.Length == 0)
            {
                if (DrainedByUs)
                {
                    actions.Add(new ResumeNode(Node, ticket.RemedyRan is null ? "every check passes; the remedy was not needed" : $"every check passes after the remedy {ticket.Remedy}"));
                }

                Close(ticket, ticket.RemedyRan is null ? "closed: every check passes (the remedy was not needed)" : $"closed: every check passes after the remedy {ticket.Remedy}");
                return Finish();
            }

            if (HeldByOthers is { } heldBy)
            {
                notes.Add($"{Node} {heldBy}: not advancing the ticket");
                return Finish();
            }

            var primary = Primary(failing.SelectMany(Findings).ToArray());
            var others = failing.Sum(f => f.Verdict.Findings.Count) - 1;
            var remedy = input.Settings.Remedies.FirstOrDefault(r => r.Id == ticket.Remedy);
            if (ticket.RemedyRan is not null || remedy is null)
            {
                var next = FirstStep(Ladder(ticket.Check), primary.Finding.Remedy);
                var what = remedy is null && ticket.RemedyRan is null
                    ? $"{NodeRecordCodec.StepName(next)} (remedy {ticket.Remedy} is no longer configured)"
                    : NodeRecordCodec.StepName(next);
                Climb(ticket.With(next, Now, what), primary, others);
                return Finish();
            }

            if (!DrainedByUs)
            {
                actions.Add(new DrainNode(Node, DrainReasons.For(primary.Finding, others, LadderStep.Remedy)));
                notes.Add($"{Node}: drained again for the remedy {remedy.Id} (its drain was gone)");
                return Finish();
            }

            if (view.Node.State.IsBusy || !view.Node.State.IsDrainSet)
            {
                notes.Add($"{Node}: the remedy {remedy.Id} waits for the drain to empty the node ({view.Node.State})");
                return Finish();
            }

            RunRemedy(ticket, remedy);
            return Finish();
        }

        private void RunRemedy(Ticket ticket, RemedyDefinition remedy)
        {
            // The record says the remedy ran before it starts: a run that dies half-way never runs it twice.
            record = record with { Ticket = ticket.With(LadderStep.Remedy, Now, "remedy " + remedy.Id) with { RemedyRan = Now } };
            actions.Add(new RunRemedy(Node, remedy));
        }

        private HealthPlan Open((CheckResult Result, Finding Finding)[] triggered)
        {
            var primary = Primary(triggered);
            var ladder = Ladder(primary.Result.Name);
            var remedy = ladder.Contains(LadderStep.Remedy)
                ? input.Settings.Remedies.FirstOrDefault(r => r.Matches(primary.Result.Definition, primary.Finding))
                : null;
            var step = remedy is null ? FirstStep(ladder, primary.Finding.Remedy) : LadderStep.Remedy;
            var recentTickets = record.PastTickets.Count(t => t >= Now - input.Settings.Lemon.Window);
            var lemon = recentTickets + 1 >= input.Settings.Lemon.Tickets && input.Settings.Lemon.Tickets > 0;
            if (lemon)
            {
                step = LadderStep.Manual;
                notes.Add($"{Node} is a lemon: {recentTickets + 1} tickets within {Config.DurationText.Format(input.Settings.Lemon.Window)}; straight to manual");
            }

            // The remedy step's event is written when the remedy runs (an idle-only one may wait).
            TicketEvent[] opened = step == LadderStep.Remedy
                ? [new TicketEvent(Now, "drain")]
                : [new TicketEvent(Now, "drain"), new TicketEvent(Now, lemon ? "manual (lemon)" : NodeRecordCodec.StepName(step))];
            var ticket = new Ticket(primary.Finding.Condition, primary.Result.Name, step, Now, Now, opened) { Remedy = step == LadderStep.Remedy ? remedy!.Id : null };
            Climb(ticket, primary, triggered.Length - 1);
            if (step == LadderStep.Remedy)
            {
                if (remedy!.When == RemedyWhen.Now)
                {
                    RunRemedy(ticket, remedy);
                }
                else
                {
                    // Never in the drain's own run: a job may start between reading the node idle and the drain.
                    notes.Add($"{Node}: the remedy {remedy.Id} waits for the drain to empty the node");
                }
            }

            return Finish();
        }

        private void Climb(Ticket ticket, (CheckResult Result, Finding Finding) primary, int others)
        {
            var reason = DrainReasons.For(primary.Finding, others, ticket.Step);
            actions.Add(new DrainNode(Node, reason));

            // A new ticket counts against the breaker; one an admin acknowledged stays acknowledged as it climbs.
            record = record with { Ticket = ticket, Acknowledged = record.Ticket is not null && record.Acknowledged };
            if (ticket.Step == LadderStep.Manual)
            {
                actions.Add(new NotifyManual(Node, new ManualNotification(Node, reason, ticket, failing.Select(Describe).ToArray())));
            }
            else if (ticket.Step != LadderStep.Remedy)
            {
                actions.Add(new RebootNode(Node, ticket.Step));
            }
        }

        private void Close(Ticket ticket, string what)
        {
            record = record with
            {
                Ticket = null,
                Acknowledged = false,
                PastTickets = [.. record.PastTickets.TakeLast(Math.Max(0, input.Settings.Lemon.Tickets - 1)), ticket.Opened],
            };
            notes.Add($"{Node}: ticket for {ticket.Condition} {what}");
        }

        private HealthPlan Finish(bool breakerOpen = false)
        {
            var last = LastRun();
            if (record.Last is null || !record.Last.Failing.SequenceEqual(last.Failing))
            {
                record = record with { Last = last };
            }

            // A healthy node with no record gets none: its Comment stays the admins' until hpcmaint has
            // something to say. The record goes after the drain and before a resume, reboot or
            // notification, so a node never reboots or returns to service without its ticket saying why.
            var claimsNothing = view.Record.IsEmpty && (record with { Last = null }).IsEmpty && last.Failing.Count == 0;
            if (!record.Equals(view.Record) && !claimsNothing)
            {
                var at = actions.FindIndex(a => a is not DrainNode);
                actions.Insert(at < 0 ? actions.Count : at, new WriteRecord(Node, record));
            }

            return new HealthPlan(strikes, actions, notes) { BreakerOpen = breakerOpen };
        }

        // Conditions only: strike counts change every run and stay in the node's state file, so a node
        // failing for days costs Slurm one record write when its failing set changes, not one per run.
        private LastRun LastRun() => new(Now, input.Results
            .Where(r => !r.Passed && r.Definition.Priority.Class != PriorityClass.MustIgnore)
            .SelectMany(r => r.Verdict.Findings.Select(f => f.Condition))
            .Distinct(StringComparer.Ordinal)
            .ToArray());

        private IEnumerable<(CheckResult Result, Finding Finding)> Triggered() =>
            failing.SelectMany(Findings).Where(x =>
                x.Finding.Critical
                || x.Result.Definition.Priority.Class == PriorityClass.NotReady
                || strikes.Of(x.Result.Name, x.Finding.Condition) >= x.Result.Definition.Strikes);

        private static IEnumerable<(CheckResult Result, Finding Finding)> Findings(CheckResult r) =>
            r.Verdict.Findings.Select(f => (r, f));

        private static (CheckResult Result, Finding Finding) Primary(IReadOnlyList<(CheckResult Result, Finding Finding)> candidates) =>
            candidates
                .OrderBy(x => x.Result.Definition.Priority.Value)
                .ThenByDescending(x => x.Finding.Critical)
                .ThenByDescending(x => x.Finding.Remedy)
                .First();

        private IReadOnlyList<LadderStep> Ladder(string check) =>
            input.Settings.Checks.FirstOrDefault(c => c.Name == check)?.Ladder ?? input.Settings.Ladder;

        // The remedy step is entered only with a matching [[health.remedy]], never by climbing.
        private static LadderStep FirstStep(IReadOnlyList<LadderStep> ladder, LadderStep lowest) =>
            ladder.FirstOrDefault(s => s != LadderStep.Remedy && s >= lowest, LadderStep.Manual);

        private static LadderStep NextStep(LadderStep current, IReadOnlyList<LadderStep> ladder) =>
            ladder.FirstOrDefault(s => s > current, LadderStep.Manual);

        private static FailedCheck Describe(CheckResult r) => new(
            r.Name,
            r.Verdict.Status.ToString().ToLowerInvariant(),
            r.Verdict.Findings.Select(f => $"{f.Condition}: {f.Actual} vs {f.Expected}").ToArray(),
            r.Verdict.Output.Length > 4000 ? r.Verdict.Output[..4000] + "…" : r.Verdict.Output);
    }
}
