namespace HpcMaint.FakeOci;

/// <summary>An injected failure: the next <see cref="Count"/> matching calls get <see cref="Status"/> (with retry-after, when set).</summary>
public sealed record FakeOciFault(int Status, int Count, string? Method = null, string? PathContains = null, int? RetryAfterSeconds = null, string Code = "InternalServerError")
{
    public bool Matches(string method, string path) =>
        (Method is null || string.Equals(Method, method, StringComparison.OrdinalIgnoreCase))
        && (PathContains is null || path.Contains(PathContains, StringComparison.Ordinal));
}
