namespace HpcMaint.Core.Slurm;

/// <summary>A partition and the settings hpcmaint relies on (the hidden rebuild partition, budgets).</summary>
public sealed record Partition(
    string Name,
    string NodesExpression,
    IReadOnlyList<string> Nodes,
    bool IsDefault,
    bool IsHidden,
    bool IsRootOnly,
    int PriorityTier,
    string State,
    string OverSubscribe)
{
    /// <summary>scontrol's PreemptMode (OFF, CANCEL, REQUEUE, SUSPEND,GANG …): the partition's own, else slurm.conf's.</summary>
    public string PreemptMode { get; init; } = "OFF";
}
