namespace HpcMaint.Core.Rebuild;

/// <summary>The plan as a whole.</summary>
public enum PlanStatus
{
    /// <summary>Nodes are left to do; `hpcmaint rebuild resume` carries on.</summary>
    Running,

    /// <summary>Every node is done, skipped or failed.</summary>
    Finished,

    Cancelled,
}
