namespace HpcMaint.Core.Health;

/// <summary>[health]: how hpcmaint-health runs its checks and remediates.</summary>
public sealed record HealthSettings
{
    public static readonly IReadOnlyList<LadderStep> DefaultLadder = [LadderStep.Remedy, LadderStep.Reboot, LadderStep.Rebuild, LadderStep.Manual];

    /// <summary>The whole run's limit, well under Slurm's 60 s HealthCheck kill.</summary>
    public TimeSpan Budget { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Limit on each Slurm command the health run sends (the run never waits on a dead slurmctld).</summary>
    public TimeSpan SlurmTimeout { get; init; } = TimeSpan.FromSeconds(5);

    public TimeSpan CheckTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Most bytes of a check tool's standard output (and of its error) kept; the rest is discarded.</summary>
    public long OutputLimit { get; init; } = 1L << 20;

    public int Strikes { get; init; } = 3;

    public IReadOnlyList<LadderStep> Ladder { get; init; } = DefaultLadder;

    /// <summary>
    /// Node-local cache: strikes and the last run (lost with a reimage, which is fine). "{node}" is
    /// replaced by the node's name, for diskless nodes that share one /var.
    /// </summary>
    public string StateFile { get; init; } = "/var/lib/hpcmaint/health-state.json";

    /// <summary>Prometheus textfile-collector file, written atomically ("{node}" as above); null: none.</summary>
    public string? MetricsFile { get; init; }

    /// <summary>Which free-text field of the Slurm node keeps hpcmaint's record (ticket, hold, breaker).</summary>
    public RecordField RecordField { get; init; } = RecordField.Comment;

    /// <summary>How long a passing run on a node hpcmaint has nothing open on may skip asking slurmctld.</summary>
    public TimeSpan SlurmRefresh { get; init; } = TimeSpan.FromMinutes(5);

    public BreakerSettings Breaker { get; init; } = new();

    public LemonSettings Lemon { get; init; } = new();

    public NotifySettings Notify { get; init; } = new();

    public IReadOnlyList<CheckDefinition> Checks { get; init; } = [];

    /// <summary>[[health.remedy]] lines, first match wins; the remedy step is skipped for a finding none matches.</summary>
    public IReadOnlyList<RemedyDefinition> Remedies { get; init; } = [];

    /// <summary>
    /// A path setting with "{node}" replaced by the node's name. The config allows "{node}" only in the file
    /// name and the name must be a Slurm node name, so the result never leaves the setting's directory.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="node"/> is not a Slurm node name.</exception>
    public static string ForNode(string path, string node) =>
        Slurm.SlurmNames.IsNodeName(node)
            ? path.Replace(NodePlaceholder, node, StringComparison.Ordinal)
            : throw new ArgumentException(Slurm.SlurmNames.NodeNameProblem(node), nameof(node));

    public const string NodePlaceholder = "{node}";
}

/// <summary>The Slurm node field hpcmaint's record lives in.</summary>
public enum RecordField
{
    Comment,
    Extra,
}

/// <summary>
/// [health.breaker]: more than <see cref="MaxNodes"/> of a partition drained by hpcmaint within
/// <see cref="Window"/> opens the breaker: hpcmaint stops acting there until <c>hpcmaint breaker reset</c>.
/// </summary>
public sealed record BreakerSettings
{
    public NodeBudget MaxNodes { get; init; } = NodeBudget.Percent(10);

    public TimeSpan Window { get; init; } = TimeSpan.FromHours(1);
}

/// <summary>[health.lemon]: a node with this many tickets within the window goes straight to manual.</summary>
public sealed record LemonSettings
{
    public int Tickets { get; init; } = 3;

    public TimeSpan Window { get; init; } = TimeSpan.FromDays(7);
}

/// <summary>[health.notify]: how a person hears of a node that reached the manual step.</summary>
public sealed record NotifySettings
{
    /// <summary>An argv run with the notification as JSON on standard input; null: none.</summary>
    public IReadOnlyList<string>? Command { get; init; }

    /// <summary>A URL the notification is POSTed to as JSON; null: none.</summary>
    public Uri? Webhook { get; init; }

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);
}
