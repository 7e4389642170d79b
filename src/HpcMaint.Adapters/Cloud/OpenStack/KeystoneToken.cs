namespace HpcMaint.Adapters.Cloud.OpenStack;

/// <summary>A Keystone token (the X-Subject-Token), when it expires, and the catalog it came with.</summary>
public sealed record KeystoneToken(string Id, DateTimeOffset ExpiresAt, IReadOnlyList<CatalogEndpoint> Catalog)
{
    public override string ToString() => $"token expiring {ExpiresAt:O} ({Catalog.Count} endpoints)";
}
