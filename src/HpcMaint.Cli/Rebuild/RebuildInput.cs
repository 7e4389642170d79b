using HpcMaint.Core.Rebuild;

namespace HpcMaint.Cli.Rebuild;

/// <summary>What `hpcmaint rebuild` was asked.</summary>
public sealed record RebuildInput(string? Partition, string? Nodes, string? Image, int MaxDown, RebuildStrategy Strategy, bool DryRun);
