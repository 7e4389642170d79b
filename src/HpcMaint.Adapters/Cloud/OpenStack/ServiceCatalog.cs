namespace HpcMaint.Adapters.Cloud.OpenStack;

/// <summary>Picks an endpoint: service type, interface, and the region when one is configured (else the first match).</summary>
public static class ServiceCatalog
{
    public static OpenStackResult<string> FindEndpoint(IReadOnlyList<CatalogEndpoint> catalog, string serviceType, string endpointInterface, string? region)
    {
        var ofType = catalog.Where(e => e.ServiceType == serviceType).ToList();
        var match = ofType.FirstOrDefault(e => e.Interface == endpointInterface && (region is null || e.Region == region));
        if (match is not null)
        {
            return OpenStackResult<string>.Success(match.Url.TrimEnd('/'));
        }

        var offered = ofType.Count == 0
            ? "the catalog has no such service"
            : "offered: " + string.Join(", ", ofType.Select(e => $"{e.Interface}@{e.Region ?? "(no region)"}"));
        return OpenStackResult<string>.Fail(OpenStackFailureKind.Configuration, 0,
            $"no {serviceType} endpoint with interface {endpointInterface}{(region is null ? "" : " in region " + region)}; {offered}");
    }
}
