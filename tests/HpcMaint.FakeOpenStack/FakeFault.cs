namespace HpcMaint.FakeOpenStack;

/// <summary>An injected failure: answer the next <see cref="Count"/> matching calls with <see cref="Status"/>.</summary>
public sealed record FakeFault(int Status, int Count, string? Method = null, string? PathContains = null, int? RetryAfterSeconds = null)
{
    public bool Matches(string method, string path) =>
        (Method is null || string.Equals(Method, method, StringComparison.OrdinalIgnoreCase))
        && (PathContains is null || path.Contains(PathContains, StringComparison.Ordinal));
}
