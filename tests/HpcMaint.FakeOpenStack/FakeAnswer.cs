namespace HpcMaint.FakeOpenStack;

/// <summary>What the fake answers to one call, and how the call goes into the log.</summary>
public sealed record FakeAnswer(int Status, byte[] Body, string Action, string? Server = null)
{
    public Dictionary<string, string> Headers { get; } = new(StringComparer.OrdinalIgnoreCase);

    public static FakeAnswer Empty(int status, string action, string? server = null) => new(status, [], action, server);
}
