namespace HpcMaint.Core.Health.Checks.Gpu;

/// <summary>One result of a dcgmi diag test: "Pass", "Fail", "Warn" or "Skip", for one GPU or for all.</summary>
/// <param name="Gpu">The GPU id(s) the result names, or null for a node-wide result.</param>
/// <param name="Detail">The warning text, if any, shortened.</param>
internal sealed record DcgmTestResult(string Category, string Test, string Status, string? Gpu, string? Detail);
