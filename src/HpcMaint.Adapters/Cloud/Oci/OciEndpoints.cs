namespace HpcMaint.Adapters.Cloud.Oci;

/// <summary>
/// Where the APIs of one region answer, with their base path: Compute and Work Requests at
/// <c>https://iaas.{region}.{domain}/20160918</c>, Identity at <c>https://identity.{region}.oci.{domain}/20160918</c>
/// (oci-dotnet-sdk's templates). The domain is the commercial realm's unless [oci] says otherwise; a
/// private endpoint (or the specs' fake) replaces either URL whole.
/// </summary>
public sealed record OciEndpoints(Uri Compute, Uri Identity)
{
    public const string ApiVersion = "/20160918";
    public const string CommercialDomain = "oraclecloud.com";

    public static OciEndpoints ForRegion(string region, string? domain = null, string? compute = null, string? identity = null)
    {
        var realm = domain ?? CommercialDomain;
        return new OciEndpoints(
            Base(compute ?? $"https://iaas.{region}.{realm}"),
            Base(identity ?? $"https://identity.{region}.oci.{realm}"));
    }

    /// <summary>An endpoint with the API version appended unless it ends in it already; no trailing slash.</summary>
    private static Uri Base(string url)
    {
        var trimmed = url.TrimEnd('/');
        return new Uri(trimmed.EndsWith(ApiVersion, StringComparison.Ordinal) ? trimmed : trimmed + ApiVersion);
    }
}
