namespace HpcMaint.Adapters.Cloud.Oci;

/// <summary>An update OCI accepted: the work request that carries it out (when OCI starts one) and the request id.</summary>
public sealed record OciAccepted(string? WorkRequestId, string? RequestId);
