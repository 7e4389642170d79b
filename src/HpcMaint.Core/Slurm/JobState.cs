namespace HpcMaint.Core.Slurm;

/// <summary>
/// A job's state: base state plus flags, read the same from every release (22.05's squeue --json gives one
/// word, a set flag winning over the base; 23.02+ give the list, e.g. ["RUNNING","CONFIGURING","POWER_UP_NODE"]).
/// </summary>
public readonly record struct JobState(JobBaseState Base, JobFlags Flags)
{
    // Still on its nodes or waiting for them, whatever the base says.
    private const JobFlags ActiveFlags = JobFlags.Configuring | JobFlags.Completing | JobFlags.Requeued
        | JobFlags.RequeueHold | JobFlags.RequeueFed | JobFlags.ResvDelHold | JobFlags.Resizing | JobFlags.Signaling
        | JobFlags.StageOut | JobFlags.PowerUpNode;

    public bool Has(JobFlags flag) => (Flags & flag) == flag;

    public bool IsPending => Base == JobBaseState.Pending;

    /// <summary>Allocated and waiting for its nodes to boot (a --reboot job before launch): RUNNING+CONFIGURING from 23.02.</summary>
    public bool IsConfiguring => Has(JobFlags.Configuring);

    /// <summary>Launched on its nodes: running and no longer configuring.</summary>
    public bool IsRunning => Base == JobBaseState.Running && !IsConfiguring;

    /// <summary>Queued, configuring, running, suspended or still completing: not finished with its nodes.</summary>
    public bool IsActive => Base is JobBaseState.Pending or JobBaseState.Running or JobBaseState.Suspended
        || (Flags & ActiveFlags) != 0;

    /// <summary>Ended with this base state and nothing left on its nodes.</summary>
    public bool Ended(JobBaseState state) => !IsActive && Base == state;

    /// <summary>The word squeue's %T prints (a set flag before the base state, as Slurm's job_state_string), e.g. "CONFIGURING".</summary>
    public override string ToString() => JobStateText.Word(this);
}
