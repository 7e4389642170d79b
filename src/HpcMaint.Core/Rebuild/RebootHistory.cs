namespace HpcMaint.Core.Rebuild;

/// <summary>
/// Each node's expected reboot duration from earlier plans: a node that reached Done after hpcmaint
/// asked for its reboot took (Done − reboot asked). Only the drain and reservation strategies count:
/// there the request is the `scontrol reboot` itself, while a job-strategy plan records its submission,
/// which also waits for the node's jobs. A node's own reboots first (their median), else the median of
/// every node seen, else <paramref name="fallback"/> as stated.
/// </summary>
public static class RebootHistory
{
    public static IReadOnlyDictionary<string, RebootEstimate> Estimates(
        IEnumerable<RebuildPlan> earlier, IEnumerable<string> nodes, TimeSpan fallback, string fallbackWords)
    {
        var seen = new Dictionary<string, List<TimeSpan>>(StringComparer.Ordinal);
        foreach (var plan in earlier.Where(p => p.Strategy is RebuildStrategy.Drain or RebuildStrategy.Reservation))
        {
            foreach (var n in plan.Nodes)
            {
                if (n is { Step: RebuildStep.Done, RebootAsked: { } asked } && n.Since > asked)
                {
                    (seen.TryGetValue(n.Name, out var list) ? list : seen[n.Name] = []).Add(n.Since - asked);
                }
            }
        }

        var all = seen.Values.SelectMany(v => v).ToArray();
        var estimates = new Dictionary<string, RebootEstimate>(StringComparer.Ordinal);
        foreach (var node in nodes)
        {
            estimates[node] = seen.TryGetValue(node, out var own)
                ? new RebootEstimate(Median(own), $"median of {own.Count} earlier reboot(s) of {node}")
                : all.Length > 0
                    ? new RebootEstimate(Median(all), $"no earlier reboot of {node}: median of {all.Length} earlier reboot(s) of other nodes")
                    : new RebootEstimate(fallback, "no earlier reboot seen: " + fallbackWords);
        }

        return estimates;
    }

    private static TimeSpan Median(IReadOnlyCollection<TimeSpan> durations)
    {
        var sorted = durations.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
