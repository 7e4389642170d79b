namespace HpcMaint.Adapters.Cloud.OpenStack;

/// <summary>One cloud from clouds.yaml: how to authenticate and which compute endpoint to use.</summary>
public sealed record CloudConfig(
    string Name,
    string SourceFile,
    CloudAuthType AuthType,
    CloudAuth Auth,
    string? RegionName,
    string Interface,
    string? ComputeApiVersion)
{
    /// <summary>openstacksdk's default endpoint interface.</summary>
    public const string DefaultInterface = "public";
}
