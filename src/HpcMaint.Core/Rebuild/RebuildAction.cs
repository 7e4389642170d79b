namespace HpcMaint.Core.Rebuild;

/// <summary>Something the runner must do in Slurm (or run) for a node; the plan already shows the step it leads to.</summary>
public abstract record RebuildAction(string Node)
{
    /// <summary>sbatch the node's rebuild job (into <paramref name="Reservation"/> when the node is in a MAINT one).</summary>
    public sealed record Submit(string Node, string? Reservation) : RebuildAction(Node);

    public sealed record Drain(string Node, string Reason) : RebuildAction(Node);

    /// <summary>A plain `scontrol reboot` (no ASAP, no nextstate), so the drain survives the boot.</summary>
    public sealed record Reboot(string Node, string Reason) : RebuildAction(Node);

    /// <summary>The node's rebuild failed: drain it with hpcmaint's reason and a ticket for a person (<see cref="FailedRebuildDrain"/>).</summary>
    public sealed record DrainFailed(string Node, string Detail) : RebuildAction(Node);

    /// <summary>Run the health gate for the node; pass → resume, fail → stays drained (<see cref="GateVerdict"/>).</summary>
    public sealed record Gate(string Node) : RebuildAction(Node);

    /// <summary>Create the node's MAINT reservation <paramref name="Name"/> from <paramref name="Start"/> (null: now).</summary>
    public sealed record Reserve(string Node, string Name, DateTimeOffset? Start) : RebuildAction(Node);

    /// <summary>Move the start of the node's reservation: its last job ended early, or was extended (null: now).</summary>
    public sealed record MoveReservation(string Node, string Name, DateTimeOffset? Start) : RebuildAction(Node);

    /// <summary>`scontrol requeue` a preemptable job on the node, its reservation started (--terminate-preemptable); never scancel.</summary>
    public sealed record Requeue(string Node, long JobId) : RebuildAction(Node);

    /// <summary>Delete the node's reservation: the node is back in service (unless drained as failed).</summary>
    public sealed record Release(string Node, string Name) : RebuildAction(Node);

    /// <summary>Resume the node after its gate passed (<see cref="GateVerdict.Resumed"/> says what that came to).</summary>
    public sealed record Resume(string Node) : RebuildAction(Node);
}
