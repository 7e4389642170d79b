namespace HpcMaint.Core.Rebuild;

/// <summary>
/// One node of a plan. <see cref="Since"/> is when it entered <see cref="Step"/> (for Rebooting: before the
/// reboot was asked for, so a boot time after it proves the reboot). <see cref="Detail"/> is for operators.
/// </summary>
public sealed record PlannedNode(string Name, RebuildStep Step, DateTimeOffset Since)
{
    public long? JobId { get; init; }

    public string? Detail { get; init; }

    /// <summary>The image the node reported when the plan was made (null: unknown).</summary>
    public string? ImageBefore { get; init; }

    /// <summary>
    /// When hpcmaint last asked for the node's reboot (the job submitted, `scontrol reboot` sent), saved
    /// before the request: a boot time after it proves the reboot happened.
    /// </summary>
    public DateTimeOffset? RebootAsked { get; init; }

    /// <summary>Submissions tried (a failed sbatch is retried a few times before the node fails); reservation strategy: reboots tried.</summary>
    public int Attempts { get; init; }

    /// <summary>Reservation strategy, <see cref="RebuildStep.Releasing"/>: why the node failed (it ends Failed once its reservation is gone); null: it passed.</summary>
    public string? FailedWhy { get; init; }

    /// <summary>Reservation strategy, --terminate-preemptable: the jobs hpcmaint asked Slurm to requeue, each asked once.</summary>
    public IReadOnlyList<long> RequeueAsked { get; init; } = [];

    public PlannedNode MoveTo(RebuildStep step, DateTimeOffset now, string? detail = null) =>
        this with { Step = step, Since = now, Detail = detail };
}
