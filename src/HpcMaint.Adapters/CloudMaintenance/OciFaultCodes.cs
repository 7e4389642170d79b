using System.Text.Json;

namespace HpcMaint.Adapters.CloudMaintenance;

/// <summary>
/// The fault ids of an event's additionalDetails (cloud-apis.md B.9): faultDetails is a JSON array inside a
/// string, [{"faultId": "HPCGPU-0001-01", …}]. Read defensively, as operators' tools do: fault_details and
/// fault_id too, an array not wrapped in a string. What cannot be read gives no fault id, with the reason.
/// </summary>
public static class OciFaultCodes
{
    public static IReadOnlyList<string> Of(IReadOnlyDictionary<string, string>? details, out string? problem)
    {
        problem = null;
        if (details is null || !(details.TryGetValue("faultDetails", out var text) || details.TryGetValue("fault_details", out text)))
        {
            return [];
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.String)
            {
                using var inner = JsonDocument.Parse(root.GetString()!);
                return Ids(inner.RootElement, ref problem);
            }

            return Ids(root, ref problem);
        }
        catch (JsonException e)
        {
            problem = "faultDetails is not JSON: " + e.Message;
            return [];
        }
    }

    private static string[] Ids(JsonElement root, ref string? problem)
    {
        if (root.ValueKind != JsonValueKind.Array)
        {
            problem = $"faultDetails is {root.ValueKind}, not a list";
            return [];
        }

        var ids = new List<string>();
        foreach (var fault in root.EnumerateArray())
        {
            if (fault.ValueKind == JsonValueKind.Object
                && (fault.TryGetProperty("faultId", out var id) || fault.TryGetProperty("fault_id", out id))
                && id.ValueKind == JsonValueKind.String && id.GetString() is { Length: > 0 } value)
            {
                ids.Add(value);
            }
        }

        return ids.Distinct(StringComparer.Ordinal).ToArray();
    }
}
