using System.Globalization;

namespace HpcMaint.Core.Rebuild;

/// <summary>One partition's budget under --max-down: floor(total × percent / 100) of its nodes.</summary>
public sealed class PartitionBudget(string partition, int total, int maxDownPercent)
    : Budget(partition, total, total * maxDownPercent / 100)
{
    public string Partition => Name;

    public int MaxDownPercent { get; } = maxDownPercent;

    protected override string Label => Partition;

    protected override string LimitWords => string.Create(CultureInfo.InvariantCulture, $"{MaxDownPercent} % of {Total}");
}
