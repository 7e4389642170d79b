namespace HpcMaint.Core.Rebuild;

/// <summary>
/// How long one node is expected to be out for its reboot, from the request to back in service (the
/// gate and the release included), and where that figure comes from, for the operator: "median of 3
/// earlier reboots of n1", "no earlier reboot seen: --reboot-timeout 600 s".
/// </summary>
public sealed record RebootEstimate(TimeSpan Duration, string Source);
