namespace HpcMaint.Core.Rebuild;

/// <summary>What the operator asked for: these nodes (from --partition or --nodes) to this image.</summary>
public sealed record RebuildRequest(
    IReadOnlyList<string> Nodes,
    string Image,
    RebuildStrategy Strategy,
    int MaxDownPercent,
    string Selection)
{
    /// <summary>--gate: the gate for this plan instead of [rebuild] gate; null: the configured one.</summary>
    public IReadOnlyList<string>? Gate { get; init; }

    /// <summary>--sbatch-option: added to every rebuild job's sbatch argv.</summary>
    public IReadOnlyList<string> SbatchOptions { get; init; } = [];

    /// <summary>--max-failures: failed nodes the plan tolerates before it halts.</summary>
    public int MaxFailures { get; init; } = RebuildPlan.DefaultMaxFailures;

    /// <summary>A rebuild to <see cref="Image"/>, or a reboot (no image).</summary>
    public PlanKind Kind { get; init; } = PlanKind.Rebuild;

    public int MaxAttempts { get; init; } = RebuildPlan.DefaultMaxAttempts;

    public TimeSpan RebootTimeout { get; init; } = RebuildPlan.DefaultRebootTimeout;

    /// <summary>Reservation strategy, --terminate-preemptable: start a node's reservation past its preemptable jobs and requeue them once it has started.</summary>
    public bool TerminatePreemptable { get; init; }

    /// <summary>--max-down-per-switch: each leaf switch's or block's budget; null: none.</summary>
    public DownLimit? MaxDownPerSwitch { get; init; }
}
