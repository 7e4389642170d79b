using HpcMaint.Core.CloudMaintenance;
using HpcMaint.Core.Config;
using HpcMaint.Core.Slurm;

namespace HpcMaint.Core.Tests.CloudMaintenance;

/// <summary>
/// A small model of OCI and Slurm for the maintenance flow: events that move when scheduled (their work request
/// SUCCEEDED, or FAILED as planted), nodes whose jobs end after some passes and which reboot when their
/// maintenance ends, hpcmaint's records, and a runner that carries out each pass's plan and can be killed after
/// any step (a schedule sent and carried out but its answer lost, too). One pass is one minute.
/// </summary>
internal sealed class MaintenanceWorld
{
    public static readonly DateTimeOffset T0 = new(2026, 12, 7, 6, 0, 0, TimeSpan.Zero);

    public sealed class Ev(string id, string node)
    {
        public string Id { get; } = id;

        public string Node { get; } = node;

        public string State { get; set; } = MaintenanceEvent.Scheduled;

        public string[] Faults { get; init; } = ["HPCGPU-0001-01"];

        public string? Token { get; init; }

        public DateTimeOffset? Due { get; init; }

        public int Attempt { get; set; }

        public string? Processed { get; set; }

        public DateTimeOffset? StartAt { get; set; }

        public DateTimeOffset? Started { get; set; }

        /// <summary>How each new schedule's work request ends, in turn (then SUCCEEDED).</summary>
        public Queue<string> Outcomes { get; init; } = new();

        /// <summary>Schedules OCI carried out (a replayed retry token is not one).</summary>
        public int Schedules { get; set; }

        public int FailedRequests { get; set; }
    }

    private sealed record Request(string Id, string EventId, DateTimeOffset Accepted, string Outcome);

    private readonly Dictionary<string, (string Id, int Attempt, Request Answer)> tokens = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Request> requests = new(StringComparer.Ordinal);
    private int next;

    public MaintenanceWorld(IEnumerable<Node> nodes, IEnumerable<Ev> events, OciMaintenanceSettings settings)
    {
        Nodes = nodes.ToDictionary(n => n.Name, StringComparer.Ordinal);
        Events = events.ToList();
        Settings = settings;
    }

    public Dictionary<string, Node> Nodes { get; }

    public List<Ev> Events { get; }

    public OciMaintenanceSettings Settings { get; }

    /// <summary>Every run of [oci.maintenance] on_failure, in order: (event, node).</summary>
    public List<(string EventId, string Node)> OnFailureRuns { get; } = [];

    /// <summary>Runs of on_failure whose end was never kept (the runner died meanwhile): each may be run once more.</summary>
    public int OnFailureLost { get; private set; }

    public Dictionary<string, MaintenanceRecord> Records { get; } = new(StringComparer.Ordinal);

    /// <summary>Passes a node's running job still needs; 0 or absent: idle.</summary>
    public Dictionary<string, int> JobPasses { get; } = new(StringComparer.Ordinal);

    public HashSet<string> FailingGates { get; } = new(StringComparer.Ordinal);

    public DateTimeOffset Now { get; private set; } = T0;

    /// <summary>Each pass's plan, and the nodes whose Slurm state hpcmaint changed, by event.</summary>
    public List<MaintenancePlan> Plans { get; } = [];

    /// <summary>Events whose node hpcmaint drained for them, with when (first drain only).</summary>
    public Dictionary<string, DateTimeOffset> FirstDrained { get; } = new(StringComparer.Ordinal);

    public List<string> SlurmWrites { get; } = [];

    public MaintenanceInput Input() => new(
        Events.Select(Snapshot).ToArray(),
        Nodes.Values.ToArray(),
        new Dictionary<string, MaintenanceRecord>(Records, StringComparer.Ordinal),
        Settings,
        Now);

    private MaintenanceEvent Snapshot(Ev e) => new(e.Id, "ocid1.instance." + e.Node, e.State)
    {
        Node = e.Node,
        FaultCodes = e.Faults,
        CorrelationToken = e.Token,
        TimeHardDueDate = e.Due,
        TimeWindowStart = e.StartAt ?? T0.AddDays(7),
        TimeStarted = e.Started,
        CanReschedule = true,
        ScheduleAttempt = e.Attempt,
        Processed = e.Processed,
        WorkRequest = Records.TryGetValue(e.Id, out var r) && r.WorkRequestId is { } id && requests.TryGetValue(id, out var q) ? new WorkRequestStatus(id, Status(q)) : null,
    };

    private string Status(Request q) => Now - q.Accepted < TimeSpan.FromMinutes(1) ? "ACCEPTED" : q.Outcome;

    /// <summary>
    /// Runs passes until nothing is left to do or <paramref name="passes"/> ran; <paramref name="kill"/> says,
    /// per pass, after how many steps the runner dies (null: it lives), and whether the step it dies in was sent.
    /// </summary>
    public void Run(int passes, Func<int, (int After, bool Sent)?> kill, Action<int>? afterPass = null)
    {
        for (var pass = 0; pass < passes; pass++)
        {
            Advance();
            var plan = MaintenanceDecider.Decide(Input());
            Plans.Add(plan);
            Execute(plan.Actions.ToList(), kill(pass));
            afterPass?.Invoke(pass);
            Now += TimeSpan.FromMinutes(1);

            // Nothing to do until the cap is new: on to the next day rather than a thousand idle passes.
            if (!plan.Actions.Any() && plan.Decisions.Any(d => d.Why.Contains("daily cap:", StringComparison.Ordinal)) && Events.All(e => e.Attempt == 0 || e.Processed is not null))
            {
                Now = new DateTimeOffset(Now.UtcDateTime.Date.AddDays(1), TimeSpan.Zero);
            }
            if (Events.All(e => e.Processed is not null) && pass > 0)
            {
                return;
            }
        }
    }

    private void Execute(List<MaintenanceAction> actions, (int After, bool Sent)? kill)
    {
        var steps = 0;
        for (var i = 0; i < actions.Count; i++)
        {
            if (kill is { } k && steps == k.After)
            {
                if (k.Sent && actions[i] is MaintenanceAction.Schedule lost)
                {
                    Schedule(lost);
                }

                // The command ran, and the runner died before its end was kept.
                if (k.Sent && actions[i] is MaintenanceAction.RunOnFailure ran)
                {
                    OnFailureRuns.Add((ran.EventId, ran.Node));
                    OnFailureLost++;
                }

                return;
            }

            steps++;
            switch (actions[i])
            {
                case MaintenanceAction.RecordStart s:
                    Records.TryAdd(s.EventId, new MaintenanceRecord(s.EventId, s.Node, s.At));
                    break;
                case MaintenanceAction.Drain d:
                    SetNode(d.Node, n => n with { State = n.State with { Flags = n.State.Flags | NodeFlags.Drain }, Reason = d.Reason });
                    FirstDrained.TryAdd(d.EventId, Now);
                    break;
                case MaintenanceAction.RecordSchedule s:
                    Records[s.EventId] = (Records.GetValueOrDefault(s.EventId) ?? new MaintenanceRecord(s.EventId, s.Node, s.At)) with { Attempts = s.Attempt, ScheduledFor = s.Start, WorkRequestId = null };
                    break;
                case MaintenanceAction.Schedule s:
                    var request = Schedule(s);
                    if (kill is { } k2 && steps == k2.After)
                    {
                        return; // carried out, the answer lost before the work request was kept
                    }

                    if (request is not null)
                    {
                        Records[s.EventId] = Records[s.EventId] with { WorkRequestId = request.Id };
                    }

                    break;
                case MaintenanceAction.RunGate g:
                    var passed = !FailingGates.Contains(g.Node);
                    actions.InsertRange(i + 1, MaintenanceGate.Ended(g.EventId, g.Node, passed, passed ? "exit 0" : "exit 1: gpu missing", Now, Settings));
                    break;
                case MaintenanceAction.RecordGate v:
                    Records[v.EventId] = (Records.GetValueOrDefault(v.EventId) ?? new MaintenanceRecord(v.EventId, v.Node, v.At)) with { GatePassed = v.Passed, GateDetail = v.Detail };
                    break;
                case MaintenanceAction.Resume r:
                    SetNode(r.Node, n => n with { State = n.State with { Flags = n.State.Flags & ~NodeFlags.Drain } });
                    break;
                case MaintenanceAction.DrainFailed f:
                    SetNode(f.Node, n => n with { State = n.State with { Flags = n.State.Flags | NodeFlags.Drain }, Reason = HpcMaint.Core.Rebuild.FailedRebuildDrain.Reason(f.Detail, MaintenanceReasons.Condition) });
                    break;
                case MaintenanceAction.RunOnFailure f:
                    OnFailureRuns.Add((f.EventId, f.Node));
                    Records[f.EventId] = (Records.GetValueOrDefault(f.EventId) ?? new MaintenanceRecord(f.EventId, f.Node, Now)) with { OnFailureRan = "exit 0" };
                    break;
                case MaintenanceAction.MarkProcessed p:
                    Events.First(e => e.Id == p.EventId).Processed = p.Outcome;
                    break;
            }
        }
    }

    private void SetNode(string name, Func<Node, Node> change)
    {
        Nodes[name] = change(Nodes[name]);
        SlurmWrites.Add(name);
    }

    /// <summary>OCI's side of an update: a retry token seen before is answered as then and carried out no more.</summary>
    private Request? Schedule(MaintenanceAction.Schedule s)
    {
        var e = Events.First(x => x.Id == s.EventId);
        var token = s.EventId + "/" + s.Attempt;
        if (tokens.TryGetValue(token, out var earlier))
        {
            return earlier.Answer;
        }

        if (e.State != MaintenanceEvent.Scheduled)
        {
            return null;
        }

        var outcome = e.Outcomes.Count > 0 ? e.Outcomes.Dequeue() : "SUCCEEDED";
        var request = new Request("wr" + ++next, e.Id, Now, outcome);
        requests[request.Id] = request;
        tokens[token] = (e.Id, s.Attempt, request);
        e.Attempt = s.Attempt;
        e.Schedules++;
        if (outcome == "SUCCEEDED")
        {
            e.StartAt = s.Start;
        }
        else
        {
            e.FailedRequests++;
        }

        return request;
    }

    /// <summary>One minute of the world: jobs end (a node not drained takes a new one), events run, nodes reboot.</summary>
    private void Advance()
    {
        foreach (var name in JobPasses.Keys.ToArray())
        {
            if (JobPasses[name] > 0 && --JobPasses[name] == 0)
            {
                SetState(name, NodeBaseState.Idle);
            }
        }

        foreach (var e in Events)
        {
            if (e.StartAt is not { } start || Now < start || e.State is MaintenanceEvent.Succeeded or MaintenanceEvent.Failed)
            {
                continue;
            }

            switch (e.State)
            {
                case MaintenanceEvent.Scheduled:
                    e.State = MaintenanceEvent.Started;
                    e.Started = Now;
                    break;
                case MaintenanceEvent.Started:
                    e.State = MaintenanceEvent.Processing;
                    break;
                default:
                    e.State = MaintenanceEvent.Succeeded;
                    Nodes[e.Node] = Nodes[e.Node] with { BootTime = Now, State = Nodes[e.Node].State with { Base = NodeBaseState.Idle } };
                    break;
            }
        }
    }

    private void SetState(string name, NodeBaseState state) => Nodes[name] = Nodes[name] with { State = Nodes[name].State with { Base = state } };

    public static Node Node(string name, bool busy = false, string? reason = null, NodeFlags flags = NodeFlags.None, string partition = "batch") =>
        new(name, new NodeState(busy ? NodeBaseState.Allocated : NodeBaseState.Idle, flags), reason, null, null, T0.AddDays(-3), null, [partition], [], [], null, null, null);
}
