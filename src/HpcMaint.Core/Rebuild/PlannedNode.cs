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

    /// <summary>Submissions tried (a failed sbatch is retried a few times before the node fails).</summary>
    public int Attempts { get; init; }

    public PlannedNode MoveTo(RebuildStep step, DateTimeOffset now, string? detail = null) =>
        this with { Step = step, Since = now, Detail = detail };
}
