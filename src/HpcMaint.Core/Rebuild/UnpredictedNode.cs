namespace HpcMaint.Core.Rebuild;

/// <summary>A node of a what-if run that cannot be given a start time, and why.</summary>
public sealed record UnpredictedNode(string Name, string Why);
