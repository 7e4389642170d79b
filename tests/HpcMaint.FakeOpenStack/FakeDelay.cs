namespace HpcMaint.FakeOpenStack;

/// <summary>An injected slow answer: hold the next <see cref="Count"/> matching calls for <see cref="Delay"/>.</summary>
public sealed record FakeDelay(TimeSpan Delay, int Count, string? Method = null, string? PathContains = null)
{
    public bool Matches(string method, string path) =>
        (Method is null || string.Equals(Method, method, StringComparison.OrdinalIgnoreCase))
        && (PathContains is null || path.Contains(PathContains, StringComparison.Ordinal));
}
