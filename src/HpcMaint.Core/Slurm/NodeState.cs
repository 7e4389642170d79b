namespace HpcMaint.Core.Slurm;

/// <summary>
/// A node's state: base state plus flags, with the derived facts operators ask about.
/// "Drained" versus "draining" is not reported by Slurm's JSON; it is worked out here.
/// </summary>
public readonly record struct NodeState(NodeBaseState Base, NodeFlags Flags)
{
    public bool Has(NodeFlags flag) => (Flags & flag) == flag;

    public bool IsDrainSet => Has(NodeFlags.Drain);

    /// <summary>DRAIN set and nothing left running: sinfo's "drained".</summary>
    public bool IsDrained => IsDrainSet && !IsBusy;

    /// <summary>DRAIN set while jobs still run: sinfo's "draining".</summary>
    public bool IsDraining => IsDrainSet && IsBusy;

    public bool IsBusy => Base is NodeBaseState.Allocated or NodeBaseState.Mixed || Has(NodeFlags.Completing);

    public bool IsDown => Base == NodeBaseState.Down;

    public bool IsRebootPending => (Flags & (NodeFlags.RebootRequested | NodeFlags.RebootIssued)) != 0;

    /// <summary>
    /// Out of service for the budget: <see cref="IsOffline"/> or <see cref="IsInMaintenance"/> (the seed's
    /// unavailable ∪ down, which `status --partitions` counts apart).
    /// </summary>
    public bool IsUnavailable => IsOffline || IsInMaintenance;

    /// <summary>Offline by Slurm's state (the seed's "down"): down, error, drained or draining, failed, not responding, powered or powering down.</summary>
    public bool IsOffline =>
        IsDown
        || Base == NodeBaseState.Error
        || (Flags & (NodeFlags.Drain | NodeFlags.Fail | NodeFlags.NotResponding | NodeFlags.PoweredDown | NodeFlags.PoweringDown)) != 0;

    /// <summary>Out for maintenance by Slurm's own account (the seed's "unavailable"): a reboot asked for or under way, booting or powering up, or the MAINT flag.</summary>
    public bool IsInMaintenance =>
        (Flags & (NodeFlags.RebootRequested | NodeFlags.RebootIssued | NodeFlags.PoweringUp | NodeFlags.Maintenance)) != 0;

    /// <summary>Slurm's own spelling, e.g. "IDLE+DRAIN+REBOOT_REQUESTED".</summary>
    public override string ToString() => NodeStateText.Format(this);
}
