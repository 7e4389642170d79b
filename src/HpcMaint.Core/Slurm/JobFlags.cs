namespace HpcMaint.Core.Slurm;

/// <summary>The flags Slurm adds to a job's base state (JOB_STATE_FLAGS), e.g. RUNNING+CONFIGURING+POWER_UP_NODE.</summary>
[Flags]
public enum JobFlags
{
    None = 0,
    LaunchFailed = 1 << 0,
    UpdateDb = 1 << 1,
    Requeued = 1 << 2,
    RequeueHold = 1 << 3,
    SpecialExit = 1 << 4,
    Resizing = 1 << 5,

    /// <summary>Allocated, waiting for its nodes (a --reboot job while they boot).</summary>
    Configuring = 1 << 6,

    /// <summary>Ended, with processes still being cleaned up on its nodes.</summary>
    Completing = 1 << 7,
    Stopped = 1 << 8,
    ReconfigFail = 1 << 9,
    PowerUpNode = 1 << 10,
    Revoked = 1 << 11,
    RequeueFed = 1 << 12,
    ResvDelHold = 1 << 13,
    Signaling = 1 << 14,
    StageOut = 1 << 15,

    /// <summary>A flag this version of hpcmaint does not know; kept so nothing is silently dropped.</summary>
    Other = 1 << 30,
}
