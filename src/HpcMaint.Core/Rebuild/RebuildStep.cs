namespace HpcMaint.Core.Rebuild;

/// <summary>Where one node of a rebuild plan stands.</summary>
public enum RebuildStep
{
    /// <summary>Not started: waits for the budget (or for the node to return to service).</summary>
    Waiting,

    /// <summary>Already on the image when it was looked at; nothing to do.</summary>
    Skipped,

    /// <summary>Reservation strategy: the node's reservation is about to be created (recorded first).</summary>
    Reserving,

    /// <summary>Reservation strategy: its reservation exists; waits for it to start and the node to be idle in it.</summary>
    Reserved,

    /// <summary>Job strategy: the submission is about to be sent (recorded first, so a resume can look for it).</summary>
    Submitting,

    /// <summary>Job strategy: the rebuild job is queued, booting the node or running the gate.</summary>
    Submitted,

    /// <summary>Drain strategy: drained by hpcmaint, waiting for the node's jobs to end.</summary>
    Draining,

    /// <summary>Drain and reservation strategies: `scontrol reboot` sent, waiting for the node to boot.</summary>
    Rebooting,

    /// <summary>Drain and reservation strategies: booted; the health gate runs.</summary>
    Gating,

    /// <summary>Reservation strategy: gate passed (or the node failed and is drained): its reservation is being deleted.</summary>
    Releasing,

    /// <summary>Rebuilt, gate passed, on the image.</summary>
    Done,

    Failed,

    Cancelled,

    /// <summary>Taken out of the plan by `resume --exclude`: never touched by it again.</summary>
    Excluded,
}
