using HpcMaint.Core.Slurm;

namespace HpcMaint.Core.Remediation;

/// <summary>
/// A node <c>hpcmaint breaker</c> shows: it found the breaker open, or its drain counts against the budget
/// (<see cref="Breaker.Counts"/>). A reset clears its mark and acknowledges a drain that counts, so the
/// drain stays but no longer counts.
/// </summary>
public sealed record BreakerEntry(Node Node, NodeRecord Record, bool Counts)
{
    /// <summary>The entry for the node, or null when it neither found the breaker open nor counts.</summary>
    public static BreakerEntry? Of(Node node, NodeRecord record)
    {
        var counts = Breaker.Counts(node, record);
        return record.BreakerOpened is null && !counts ? null : new BreakerEntry(node, record, counts);
    }

    /// <summary>The nodes a breaker command covers: every node, or those in <paramref name="partition"/>.</summary>
    public static IReadOnlyList<Node> InScope(IReadOnlyList<Node> nodes, string? partition) =>
        nodes.Where(n => partition is null || n.Partitions.Contains(partition)).ToArray();

    public NodeRecord AfterReset => Record with { BreakerOpened = null, Acknowledged = Counts || Record.Acknowledged };
}
