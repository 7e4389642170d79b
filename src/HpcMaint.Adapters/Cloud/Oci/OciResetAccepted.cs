namespace HpcMaint.Adapters.Cloud.Oci;

/// <summary>A reset OCI accepted: the instance as it answered, the action (SOFTRESET, RESET) and the request id.</summary>
public sealed record OciResetAccepted(OciInstance Instance, string Action, string? RequestId);
