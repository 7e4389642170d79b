using HpcMaint.Core.Slurm;

namespace HpcMaint.Core.Remediation;

/// <summary>
/// What the health run knows of its node from slurmctld. <see cref="RecordProblem"/> is set when the
/// record field holds text hpcmaint did not write (hpcmaint then keeps its hands off).
/// <see cref="Peers"/> are the nodes sharing its partitions, read only when a new drain is considered.
/// </summary>
public sealed record SlurmView(Node Node, NodeRecord Record, string? RecordProblem = null, IReadOnlyList<PeerNode>? Peers = null)
{
    /// <summary>The node is out of service by hpcmaint's own drain (or down), by state and reason together (<see cref="NodeOwnership"/>).</summary>
    public bool DrainedByUs => NodeOwnership.Of(Node, Record.Ticket) == NodeOwner.Hpcmaint;
}
