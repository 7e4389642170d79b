namespace HpcMaint.Core.Rebuild;

/// <summary>How a node is taken through its rebuild.</summary>
public enum RebuildStrategy
{
    /// <summary>One `--reboot` job per node in the hidden rebuild partition: Slurm orders it after the
    /// node's running job and ahead of queued user jobs; the job's payload is the health gate.</summary>
    Job,

    /// <summary>Drain, plain `scontrol reboot` with the image in the reason, gate, resume.</summary>
    Drain,

    /// <summary>One MAINT reservation per node (hpcmaint-PLAN-NODE) from the end of its last running job, so
    /// short jobs still run before it; once active with the node idle: plain `scontrol reboot`, retried on
    /// a timeout, gate, the reservation deleted (<see cref="ReservationTracker"/>).</summary>
    Reservation,
}
