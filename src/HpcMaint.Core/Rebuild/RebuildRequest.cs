namespace HpcMaint.Core.Rebuild;

/// <summary>What the operator asked for: these nodes (from --partition or --nodes) to this image.</summary>
public sealed record RebuildRequest(
    IReadOnlyList<string> Nodes,
    string Image,
    RebuildStrategy Strategy,
    int MaxDownPercent,
    string Selection);
