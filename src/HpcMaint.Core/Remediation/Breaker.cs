using HpcMaint.Core.Health;

namespace HpcMaint.Core.Remediation;

/// <summary>
/// The circuit breaker: in each of the node's partitions, hpcmaint may have drained at most the budget
/// within the window (drains an admin acknowledged with <c>hpcmaint breaker reset</c> no longer
/// count). Once a node finds it open it marks its record, and the breaker stays open for everyone
/// in the partition until the reset clears those marks.
/// </summary>
public static class Breaker
{
    /// <summary>Null when this node may be drained now; otherwise why not, for the report.</summary>
    public static string? WhyOpen(SlurmView self, IReadOnlyList<PeerNode> peers, BreakerSettings settings, DateTimeOffset now)
    {
        if (self.Record.BreakerOpened is { } mine)
        {
            return $"breaker open since {mine:u} (this node found it open)";
        }

        var partitions = self.Node.Partitions.Count > 0 ? self.Node.Partitions : [string.Empty];
        foreach (var partition in partitions)
        {
            var members = peers
                .Where(p => p.Node.Name != self.Node.Name && (partition.Length == 0 || p.Node.Partitions.Contains(partition)))
                .ToArray();
            var label = partition.Length == 0 ? "its nodes" : $"partition {partition}";
            if (members.FirstOrDefault(p => p.Record.BreakerOpened is not null) is { } marked)
            {
                return $"breaker open in {label} since {marked.Record.BreakerOpened:u} (found by {marked.Node.Name}); reset with: hpcmaint breaker reset";
            }

            var recent = members.Count(p =>
                NodeOwnership.Of(p.Node, p.Record.Ticket) == NodeOwner.Hpcmaint && !p.Record.Acknowledged
                && (p.Node.ReasonTime is not { } t || t >= now - settings.Window));
            var allowed = settings.MaxNodes.AllowedOf(members.Length + 1);
            if (recent + 1 > allowed)
            {
                return $"breaker open in {label}: draining would make {recent + 1} nodes drained by hpcmaint within {Config.DurationText.Format(settings.Window)}, more than the breaker's limit of {allowed} of {members.Length + 1}{(settings.MaxNodes.Share is null ? string.Empty : $" ({settings.MaxNodes})")}; reset with: hpcmaint breaker reset";
            }
        }

        return null;
    }
}
