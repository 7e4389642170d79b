using HpcMaint.Core.Slurm;

namespace HpcMaint.Core.Rebuild;

/// <summary>
/// A persisted rebuild: which nodes go to which image, how, under which budget, and where each stands.
/// Immutable; every change makes a new plan, which the runner saves before it acts on it.
/// </summary>
public sealed record RebuildPlan(
    string Id,
    string Image,
    RebuildStrategy Strategy,
    int MaxDownPercent,
    DateTimeOffset Created,
    PlanStatus Status,
    IReadOnlyList<PlannedNode> Nodes)
{
    public const int DefaultMaxFailures = 1;

    public const int DefaultMaxAttempts = 3;

    public static readonly TimeSpan DefaultRebootTimeout = TimeSpan.FromMinutes(10);

    /// <summary>Reservation strategy: reboots tried per node before it fails (--max-attempts).</summary>
    public int MaxAttempts { get; init; } = DefaultMaxAttempts;

    /// <summary>Reservation strategy, --terminate-preemptable: start a node's reservation past its preemptable jobs and requeue them once it has started.</summary>
    public bool TerminatePreemptable { get; init; }

    /// <summary>Reservation strategy: how long one reboot may take, from the request to the node back up (--reboot-timeout).</summary>
    public TimeSpan RebootTimeout { get; init; } = DefaultRebootTimeout;

    /// <summary>A rebuild to <see cref="Image"/>, or a reboot (then <see cref="Image"/> is empty).</summary>
    public PlanKind Kind { get; init; } = PlanKind.Rebuild;

    /// <summary>Whether the plan puts its nodes on an image (a reboot plan has none to check).</summary>
    public bool ChangesImage => Kind == PlanKind.Rebuild;

    /// <summary>What the plan takes its nodes to, for operators: "image v2" or "a reboot".</summary>
    public string Target => ChangesImage ? "image " + Image : "a reboot";

    /// <summary>The verb that made the plan: `hpcmaint rebuild` or `hpcmaint reboot`.</summary>
    public string Verb => ChangesImage ? "hpcmaint rebuild" : "hpcmaint reboot";

    /// <summary>What the operator asked for (`--partition batch`, `--nodes n[1-4]`), for status lines.</summary>
    public string Selection { get; init; } = string.Empty;

    /// <summary>Failed nodes tolerated; one more halts the plan (a bad image stops at the second node, not the last).</summary>
    public int MaxFailures { get; init; } = DefaultMaxFailures;

    /// <summary>The gate given with --gate, which replaces [rebuild] gate for this plan; null: the configured one.</summary>
    public IReadOnlyList<string>? Gate { get; init; }

    /// <summary>Options given with --sbatch-option, added to every rebuild job of this plan (resume too).</summary>
    public IReadOnlyList<string> SbatchOptions { get; init; } = [];

    /// <summary>--max-down-per-switch: the budget of each leaf switch or block; null: none (no topology read).</summary>
    public DownLimit? MaxDownPerSwitch { get; init; }

    /// <summary>Since when, and by which nodes outside its control, the plan can start nothing with nothing in flight; null: it is not stalled.</summary>
    public PlanStall? Stall { get; init; }

    /// <summary>What --what-if predicted when the run started (kept for `status`: predicted against actual); null: none made.</summary>
    public Prediction? Prediction { get; init; }

    public bool IsOpen => Status == PlanStatus.Running;

    /// <summary>resume and cancel apply: running, or halted with nodes left.</summary>
    public bool IsResumable => Status is PlanStatus.Running or PlanStatus.Halted;

    /// <summary>
    /// The plan with a new failure limit; a halted plan runs again once the limit is above its failures.
    /// </summary>
    public RebuildPlan Tolerating(int maxFailures)
    {
        var changed = this with { MaxFailures = maxFailures };
        return changed.Status == PlanStatus.Halted && !changed.IsOverFailureLimit ? changed with { Status = PlanStatus.Running } : changed;
    }

    /// <summary>
    /// `resume --retry-failed`: the failed nodes wait for their turn again (a finished or halted plan runs
    /// again); a node already on the image is then skipped, any other is rebuilt once more.
    /// </summary>
    public RebuildPlan RetryingFailed(DateTimeOffset now)
    {
        var retried = Nodes.Where(n => n.Step == RebuildStep.Failed)
            .Select(n => n.MoveTo(RebuildStep.Waiting, now, "retried after: " + n.Detail) with { JobId = null, Attempts = 0, RebootAsked = null, FailedWhy = null })
            .ToArray();
        return retried.Length == 0 || Status == PlanStatus.Cancelled ? this : With(retried) with { Status = PlanStatus.Running };
    }

    /// <summary>More nodes failed than tolerated: no node is admitted any more.</summary>
    public bool IsOverFailureLimit => Count(RebuildStep.Failed) > MaxFailures;

    /// <summary>Why no node is admitted once over the failure limit; null below it.</summary>
    public string? HaltReason => IsOverFailureLimit
        ? $"halted: {Count(RebuildStep.Failed)} nodes failed, more than the {MaxFailures} the plan tolerates (--max-failures)"
        : null;

    // A pass looks up every node of the plan, so a linear search made a 10,000-node pass quadratic. The
    // index hangs off the Nodes list itself rather than a field, so a `with` copy that replaces Nodes
    // can never carry a stale one, and the record's equality stays what its properties say.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IReadOnlyList<PlannedNode>, Dictionary<string, PlannedNode>> Indexes = new();

    public PlannedNode? Find(string node) =>
        Indexes.GetValue(Nodes, nodes => nodes.GroupBy(n => n.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal))
            .GetValueOrDefault(node);

    public RebuildPlan With(PlannedNode changed) =>
        this with { Nodes = Nodes.Select(n => n.Name == changed.Name ? changed : n).ToArray() };

    public RebuildPlan With(IReadOnlyCollection<PlannedNode> changed)
    {
        if (changed.Count == 0)
        {
            return this;
        }

        var byName = changed.ToDictionary(n => n.Name, StringComparer.Ordinal);
        return this with { Nodes = Nodes.Select(n => byName.GetValueOrDefault(n.Name, n)).ToArray() };
    }

    /// <summary>Finished once no node is left to do; halted once over the failure limit with nothing in flight.</summary>
    public RebuildPlan Settle() =>
        Status != PlanStatus.Running ? this
        : Nodes.All(n => n.Step.IsFinished()) ? this with { Status = PlanStatus.Finished }
        : IsOverFailureLimit && !Nodes.Any(n => n.Step.IsInFlight()) ? this with { Status = PlanStatus.Halted }
        : this;

    public int Count(RebuildStep step) => Nodes.Count(n => n.Step == step);

    /// <summary>The gate this plan's nodes pass: its own, else the configured one.</summary>
    public IReadOnlyList<string> GateOr(RebuildSettings settings) => Gate ?? settings.Gate;

    /// <summary>The comment carried by the plan's rebuild jobs: the image (none for a reboot), and the plan for resume.</summary>
    public string JobComment => ChangesImage ? RebuildJobs.Comment(Image, Id) : RebuildJobs.RebootComment(Id);

    /// <summary>
    /// The node is where the plan takes it: on the image (rebuild), or booted after hpcmaint asked for
    /// its reboot (reboot: <see cref="PlannedNode.RebootAsked"/>, recorded before the request, so a resumed
    /// run never reboots a node twice).
    /// </summary>
    public bool Reached(PlannedNode planned, ClusterView view) =>
        ChangesImage
            ? view.ImageOf(planned.Name).Is(Image)
            : planned.RebootAsked is { } asked && BootTimes.IsAfter(view.Node(planned.Name)?.BootTime, asked);

    /// <summary>A queued rebuild-partition job this plan may follow instead of submitting its own: one to its image, or (reboot) one of its own.</summary>
    public bool Wants(Slurm.Job job) =>
        ChangesImage ? RebuildJobs.ImageOf(job.Comment) == Image : job.Comment == JobComment;
}
