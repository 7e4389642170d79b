namespace HpcMaint.Core.Slurm;

/// <summary>A job as squeue reports it; rebuild jobs are found by partition, name, --reboot and comment.</summary>
public sealed record Job(
    long Id,
    string Name,
    string Partition,
    string State,
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
    public bool IsPending => State == "PENDING";

    public bool IsRunning => State == "RUNNING";

    /// <summary>Allocated and waiting for its nodes to boot (a --reboot job before launch).</summary>
    public bool IsConfiguring => State == "CONFIGURING";

    public bool IsActive => IsPending || IsRunning || IsConfiguring || State is "COMPLETING" or "SUSPENDED" or "REQUEUED";
}
