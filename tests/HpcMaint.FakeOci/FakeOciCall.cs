namespace HpcMaint.FakeOci;

/// <summary>One call the fake answered: when, the method and raw target, the status, OCI's error code, and whether it changed anything.</summary>
public sealed record FakeOciCall(DateTimeOffset Time, string Method, string Target, int Status, string? Code, bool Wrote, string? RetryToken, string? IfMatch);
