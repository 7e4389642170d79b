namespace HpcMaint.Core.Slurm;

/// <summary>A node's base state as Slurm reports it (the part before any '+FLAG').</summary>
public enum NodeBaseState
{
    Unknown,
    Idle,
    Allocated,
    Mixed,
    Down,
    Error,
    Future,
}
