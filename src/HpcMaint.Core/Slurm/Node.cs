namespace HpcMaint.Core.Slurm;

/// <summary>One node as slurmctld sees it, with the fields hpcmaint decides on.</summary>
public sealed record Node(
    string Name,
    NodeState State,
    string? Reason,
    string? ReasonSetBy,
    DateTimeOffset? ReasonTime,
    DateTimeOffset? BootTime,
    DateTimeOffset? SlurmdStartTime,
    IReadOnlyList<string> Partitions,
    IReadOnlyList<string> Features,
    IReadOnlyList<string> ActiveFeatures,
    string? Comment,
    string? Extra,
    string? NextStateAfterReboot)
{
    /// <summary>True when the node's reason was written by hpcmaint (and so is ours to clear).</summary>
    public bool ReasonIsOurs => NodeReason.IsOwnedByHpcmaint(Reason);
}
