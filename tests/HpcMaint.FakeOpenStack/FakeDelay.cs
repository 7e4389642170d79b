namespace HpcMaint.FakeOpenStack;

/// <summary>
/// An injected slow answer: hold the next <see cref="Count"/> matching calls for <see cref="Delay"/>, before
/// they are carried out, or after (<see cref="AfterAnswer"/>: the call takes effect but its answer is late).
/// </summary>
public sealed record FakeDelay(TimeSpan Delay, int Count, string? Method = null, string? PathContains = null, bool AfterAnswer = false)
{
    public bool Matches(string method, string path) =>
        (Method is null || string.Equals(Method, method, StringComparison.OrdinalIgnoreCase))
        && (PathContains is null || path.Contains(PathContains, StringComparison.Ordinal));
}
