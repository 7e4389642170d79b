namespace HpcMaint.Core.Rebuild;

/// <summary>`--partition batch,gpu`: every node of each partition, in Slurm's node order, each once.</summary>
public static class PartitionSelection
{
    /// <summary>The partition names of a comma-separated list, each once; empty when there is none.</summary>
    public static IReadOnlyList<string> Parse(string text) =>
        text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal).ToArray();

    /// <summary>What is wrong with the list as written (no name, a name with spaces); null when nothing.</summary>
    public static string? Problem(string text) =>
        Parse(text) is { Count: 0 } ? "name at least one partition"
        : Parse(text).FirstOrDefault(p => p.Any(char.IsWhiteSpace)) is { } spaced ? $"'{spaced}' has spaces; separate partitions with commas"
        : null;

    /// <summary>The nodes of <paramref name="partitions"/>; a partition with no node is a problem (a typo, most often).</summary>
    public static IReadOnlyList<string> Nodes(ClusterView view, IReadOnlyList<string> partitions, out IReadOnlyList<string> problems)
    {
        problems = partitions
            .Where(p => !view.Nodes.Any(n => n.Partitions.Contains(p)))
            .Select(p => $"partition {p} has no nodes (or does not exist)")
            .ToArray();
        return view.Nodes.Where(n => partitions.Any(n.Partitions.Contains)).Select(n => n.Name).ToArray();
    }
}
