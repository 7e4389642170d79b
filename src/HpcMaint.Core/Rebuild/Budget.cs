using System.Globalization;
using HpcMaint.Core.Hostlists;

namespace HpcMaint.Core.Rebuild;

/// <summary>
/// One budget: at most <see cref="Limit"/> of a domain's <see cref="Total"/> nodes out of service (a
/// partition, a leaf switch or block). A node is admitted when the others out of service, plus itself,
/// stay within the limit: the node being considered never counts against its own limit (the seed
/// operator's deadlock at 25 % of 4).
/// </summary>
public abstract class Budget(string name, int total, int limit)
{
    private readonly HashSet<string> unavailable = new(StringComparer.Ordinal);

    /// <summary>The domain's name as Slurm has it (batch, s1).</summary>
    public string Name { get; } = name;

    public int Total { get; } = total;

    public int Limit { get; } = limit;

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
            $"{Label}: {others.Length} out{outList} + {node} = {sum} {verdict} {Limit} ({LimitWords})");
    }

    /// <summary>"batch: 2/8 out, limit 2".</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Label}: {unavailable.Count}/{Total} out, limit {Limit}");

    /// <summary>How the domain is named in the arithmetic: "batch", "switch s1".</summary>
    protected abstract string Label { get; }

    /// <summary>Where the limit comes from: "25 % of 8".</summary>
    protected abstract string LimitWords { get; }
}
