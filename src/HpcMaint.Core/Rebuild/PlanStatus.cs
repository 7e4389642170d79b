namespace HpcMaint.Core.Rebuild;

/// <summary>The plan as a whole.</summary>
public enum PlanStatus
{
    /// <summary>Nodes are left to do; `hpcmaint rebuild resume` carries on.</summary>
    Running,

    /// <summary>Every node is done, skipped or failed.</summary>
    Finished,

    Cancelled,

    /// <summary>
    /// More nodes failed than the plan tolerates (<see cref="RebuildPlan.MaxFailures"/>): nothing new was
    /// admitted and the nodes in flight have finished. `resume --max-failures N` carries on.
    /// </summary>
    Halted,
}
