using System.Globalization;
using HpcMaint.Core.Hostlists;

namespace HpcMaint.Core.Rebuild;

/// <summary>
/// One partition's budget: at most <see cref="Limit"/> of its <see cref="Total"/> nodes out of service.
/// A node is admitted when the others out of service, plus itself, stay within the limit: the node
/// being considered never counts against its own limit (the seed operator's deadlock at 25 % of 4).
/// </summary>
public sealed class PartitionBudget(string partition, int total, int maxDownPercent)
{
    private readonly HashSet<string> unavailable = new(StringComparer.Ordinal);

    public string Partition { get; } = partition;

    public int Total { get; } = total;

    public int MaxDownPercent { get; } = maxDownPercent;

    /// <summary>floor(total × percent / 100): never more than the percentage, rounded down.</summary>
    public int Limit { get; } = total * maxDownPercent / 100;

    public IReadOnlyCollection<string> Unavailable => unavailable;

    public void MarkUnavailable(string node) => unavailable.Add(node);

    public int OthersOut(string node) => unavailable.Contains(node) ? unavailable.Count - 1 : unavailable.Count;

    public bool Admits(string node) => OthersOut(node) + 1 <= Limit;

    /// <summary>"batch: 1 out (n3) + n2 = 2 ≤ 2 (25 % of 8)".</summary>
    public string Arithmetic(string node)
    {
        var others = unavailable.Where(n => n != node).ToArray();
        var outList = others.Length == 0 ? string.Empty : $" ({Hostlist.Compress(others)})";
        var sum = others.Length + 1;
        var verdict = sum <= Limit ? "≤" : ">";
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{Partition}: {others.Length} out{outList} + {node} = {sum} {verdict} {Limit} ({MaxDownPercent} % of {Total})");
    }

    /// <summary>"batch: 2/8 out, limit 2".</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Partition}: {unavailable.Count}/{Total} out, limit {Limit}");
}
