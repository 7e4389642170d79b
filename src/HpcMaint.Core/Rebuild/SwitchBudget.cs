using HpcMaint.Core.Slurm;

namespace HpcMaint.Core.Rebuild;

/// <summary>One leaf switch's (or block's) budget under --max-down-per-switch.</summary>
public sealed class SwitchBudget(TopologyDomain domain, DownLimit limit)
    : Budget(domain.Name, domain.Nodes.Count, limit.Of(domain.Nodes.Count))
{
    public TopologyDomain Domain { get; } = domain;

    public DownLimit MaxDown { get; } = limit;

    protected override string Label => (Domain.Kind == TopologyKind.Block ? "block " : "switch ") + Name;

    protected override string LimitWords => MaxDown.Describe(Total);
}
