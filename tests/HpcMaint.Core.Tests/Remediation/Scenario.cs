using HpcMaint.Core.Health;
using HpcMaint.Core.Remediation;
using HpcMaint.Core.Slurm;

namespace HpcMaint.Core.Tests.Remediation;

/// <summary>Builds health decisions: a node, its checks' verdicts, its Slurm state and record.</summary>
internal sealed record Scenario
{
    public static readonly DateTimeOffset T0 = new(2026, 11, 21, 3, 0, 0, TimeSpan.Zero);

    /// <summary>Idle and drained: the state a drain leaves once the node's jobs have ended.</summary>
    public static readonly NodeState Drained = new(NodeBaseState.Idle, NodeFlags.Drain);

    public string NodeName { get; init; } = "n1";

    public DateTimeOffset Now { get; init; } = T0;

    public NodeState State { get; init; } = new(NodeBaseState.Idle, NodeFlags.None);

    public string? Reason { get; init; }

    /// <summary>The state Slurm sets after a reboot someone asked for with ASAP or nextstate= (NextState=).</summary>
    public string? NextState { get; init; }

    public DateTimeOffset? ReasonTime { get; init; }

    public DateTimeOffset? BootTime { get; init; } = T0.AddDays(-1);

    public NodeRecord Record { get; init; } = NodeRecord.Empty;

    public string? RecordProblem { get; init; }

    public bool ControllerAnswers { get; init; } = true;

    /// <summary>What slurmctld said instead of the node (with <see cref="ControllerAnswers"/> false: it answered, without the node).</summary>
    public string? SlurmRefusal { get; init; }

    public StrikeBook Strikes { get; init; } = StrikeBook.Empty;

    public IReadOnlyList<CheckResult> Results { get; init; } = [Passing("fs.mount")];

    public IReadOnlyList<PeerNode>? Peers { get; init; }

    public HealthSettings Settings { get; init; } = new() { Breaker = new BreakerSettings { MaxNodes = NodeBudget.Nodes(100) } };

    public static CheckDefinition Definition(string name, int priority = 50, int strikes = 3, IReadOnlyList<LadderStep>? ladder = null) =>
        new(name, name, new FixedCheck(CheckVerdict.Pass()), HostTarget.All, TimeSpan.FromSeconds(5), new CheckPriority(priority), strikes,
            ladder ?? HealthSettings.DefaultLadder, 1);

    public static CheckResult Passing(string name, int priority = 50) =>
        new(Definition(name, priority), CheckVerdict.Pass(), TimeSpan.FromMilliseconds(1));

    public static CheckResult Failing(string name, int priority = 50, int strikes = 3, bool critical = false, LadderStep remedy = LadderStep.Reboot, IReadOnlyList<LadderStep>? ladder = null) =>
        new(Definition(name, priority, strikes, ladder),
            CheckVerdict.Fail([new Finding(name, "/scratch not mounted", "mounted", critical, remedy)], "output"),
            TimeSpan.FromMilliseconds(1));

    public Node Node => new(NodeName, State, Reason, Reason is null ? null : "root", ReasonTime ?? (Reason is null ? null : Now.AddMinutes(-5)),
        BootTime, BootTime, ["batch"], [], [], null, null, NextState);

    public HealthPlan Decide()
    {
        var settings = Settings with { Checks = Results.Select(r => r.Definition).ToArray() };
        var view = ControllerAnswers ? new SlurmView(Node, Record, RecordProblem, Peers) : null;
        return HealthDecider.Decide(new HealthInput(NodeName, Results, Strikes, view, Now, settings) { SlurmRefusal = SlurmRefusal });
    }

    /// <summary>Decides, and when the decider asks for the partition, decides again with <see cref="Peers"/> (or none).</summary>
    public HealthPlan DecideWithPeers()
    {
        var plan = Decide();
        return plan.NeedsPeers ? (this with { Peers = Peers ?? [] }).Decide() : plan;
    }

    public Scenario StruckOut(string check, int times = 2) =>
        this with { Strikes = new StrikeBook(new Dictionary<string, int> { [StrikeBook.Key(check, check)] = times }) };

    public static PeerNode Peer(string name, string? reason, DateTimeOffset? reasonTime, NodeRecord? record = null) =>
        new(new Node(name, new NodeState(NodeBaseState.Idle, reason is null ? NodeFlags.None : NodeFlags.Drain), reason, "root", reasonTime,
            T0.AddDays(-1), T0.AddDays(-1), ["batch"], [], [], null, null, null), record ?? NodeRecord.Empty);

    private sealed class FixedCheck(CheckVerdict verdict) : IHealthCheck
    {
        public Task<CheckVerdict> RunAsync(IHostProbe probe, CancellationToken cancellationToken) => Task.FromResult(verdict);
    }
}
