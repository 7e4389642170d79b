namespace HpcMaint.Core.Slurm;

/// <summary>A job's base state as Slurm reports it (JOB_STATE_BASE: the part a flag such as CONFIGURING is added to).</summary>
public enum JobBaseState
{
    /// <summary>Not said: Slurm 22.05 gives only the flag while one is set (COMPLETING, REQUEUED, …).</summary>
    Unknown,
    Pending,
    Running,
    Suspended,
    Completed,
    Cancelled,
    Failed,
    Timeout,
    NodeFail,
    Preempted,
    BootFail,
    Deadline,
    OutOfMemory,
}
