using System.Text.Json;

namespace HpcMaint.FakeOci;

/// <summary>A call as the fake's API sees it: method, decoded path, query, the headers it reads, the raw body.</summary>
public sealed record FakeOciRequest(string Method, string Path, IReadOnlyDictionary<string, string> QueryValues, string? IfMatch, string? RetryToken, byte[] Body)
{
    public string? Query(string name) => QueryValues.TryGetValue(name, out var value) ? value : null;

    public bool TryJson(out JsonElement root)
    {
        try
        {
            using var document = JsonDocument.Parse(Body);
            root = document.RootElement.Clone();
            return root.ValueKind == JsonValueKind.Object;
        }
        catch (JsonException)
        {
            root = default;
            return false;
        }
    }
}
