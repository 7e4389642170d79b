namespace HpcMaint.FakeOpenStack;

/// <summary>One call the fake answered: when, what, on which server, and with which status.</summary>
public sealed record FakeCall(DateTimeOffset Time, string Method, string Path, string? Server, string Action, int Status, string? Microversion);
