using HpcMaint.Core.Slurm;

namespace HpcMaint.Core.Remediation;

/// <summary>A node of the same partition(s), with its hpcmaint record (empty when it has none or foreign text).</summary>
public sealed record PeerNode(Node Node, NodeRecord Record);
