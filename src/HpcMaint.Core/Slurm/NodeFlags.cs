namespace HpcMaint.Core.Slurm;

/// <summary>The state flags Slurm adds to a base state (sinfo's state_flags, scontrol's '+FLAG').</summary>
[Flags]
public enum NodeFlags
{
    None = 0,
    Drain = 1 << 0,
    RebootRequested = 1 << 1,
    RebootIssued = 1 << 2,
    NotResponding = 1 << 3,
    PoweringUp = 1 << 4,
    PoweredDown = 1 << 5,
    PoweringDown = 1 << 6,
    Maintenance = 1 << 7,
    Reserved = 1 << 8,
    Completing = 1 << 9,
    Fail = 1 << 10,
    Cloud = 1 << 11,
    Planned = 1 << 12,
    Dynamic = 1 << 13,
    PowerDownRequested = 1 << 14,
    /// <summary>A flag this version of hpcmaint does not know; kept so nothing is silently dropped.</summary>
    Other = 1 << 30,
}
