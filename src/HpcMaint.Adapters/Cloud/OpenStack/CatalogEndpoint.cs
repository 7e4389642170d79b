namespace HpcMaint.Adapters.Cloud.OpenStack;

/// <summary>One endpoint of the token's service catalog.</summary>
public sealed record CatalogEndpoint(string ServiceType, string Interface, string? Region, string Url);
