namespace HpcMaint.Core.Slurm;

/// <summary>A job as squeue reports it; rebuild jobs are found by partition, name, --reboot and comment.</summary>
public sealed record Job(
    long Id,
    string Name,
    string Partition,
    JobState State,
    string? StateReason,
    IReadOnlyList<string> Nodes,
    string? RequiredNodes,
    bool Reboot,
    string? Comment,
    long Priority,
    string? UserName,
    string? Reservation,
    DateTimeOffset? SubmitTime,
    DateTimeOffset? StartTime)
{
    /// <summary>When Slurm expects it to end (squeue end_time: its start plus its time limit while it runs); null: not known.</summary>
    public DateTimeOffset? EndTime { get; init; }

    public bool IsPending => State.IsPending;

    /// <summary>Launched on its nodes (not configuring).</summary>
    public bool IsRunning => State.IsRunning;

    /// <summary>Allocated and waiting for its nodes to boot (a --reboot job before launch).</summary>
    public bool IsConfiguring => State.IsConfiguring;

    /// <summary>Not finished with its nodes: queued, configuring, running, suspended or completing.</summary>
    public bool IsActive => State.IsActive;
}
