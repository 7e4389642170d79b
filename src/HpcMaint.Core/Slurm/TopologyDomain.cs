namespace HpcMaint.Core.Slurm;

/// <summary>One leaf of the topology: a switch with nodes (topology/tree) or a block (topology/block).</summary>
public sealed record TopologyDomain(string Name, TopologyKind Kind, IReadOnlyList<string> Nodes);

/// <summary>What a leaf domain is, in Slurm's word (scontrol's SwitchName= or BlockName=).</summary>
public enum TopologyKind
{
    Switch,
    Block,
}
