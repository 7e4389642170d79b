namespace HpcMaint.Core.Cloud;

/// <summary>A node's instance in the cloud: its id, its image (null when it boots from a volume) and its status.</summary>
public sealed record CloudInstance(string Id, string? Image, string Status);
