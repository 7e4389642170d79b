using System.Text.Json;

namespace HpcMaint.Core.Health.Checks.Gpu;

/// <summary>
/// Reads <c>rocm-smi … --json</c>: { "card0": { "Temperature (Sensor edge) (C)": "31.0", … }, "system": { … } }.
/// Every value is a string; key names differ between ROCm versions, so they are matched by their stable parts.
/// </summary>
internal static class RocmSmiJson
{
    public static Parsed<IReadOnlyList<AmdGpu>> Parse(string output)
    {
        // rocm-smi may print warnings before the JSON.
        var start = output.IndexOf('{');
        if (start < 0)
        {
            return Parsed<IReadOnlyList<AmdGpu>>.Bad("no JSON in the rocm-smi output: " + GpuText.FirstLine(output));
        }

        try
        {
            using var doc = JsonDocument.Parse(output.AsMemory(start));
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                return Parsed<IReadOnlyList<AmdGpu>>.Bad("expected a JSON object of cards");
            }

            var gpus = new List<AmdGpu>();
            foreach (var card in doc.RootElement.EnumerateObject())
            {
                if (!card.Name.StartsWith("card", StringComparison.Ordinal))
                {
                    continue;
                }

                if (card.Value.ValueKind != JsonValueKind.Object)
                {
                    return Parsed<IReadOnlyList<AmdGpu>>.Bad($"\"{card.Name}\" is not an object");
                }

                gpus.Add(Card(card.Name, card.Value));
            }

            return Parsed<IReadOnlyList<AmdGpu>>.Ok(gpus);
        }
        catch (Exception e) when (JsonProblem.IsUnreadable(e))
        {
            return Parsed<IReadOnlyList<AmdGpu>>.Bad(JsonProblem.Describe("rocm-smi", e));
        }
    }

    private static AmdGpu Card(string name, JsonElement card)
    {
        string busId = string.Empty;
        string? hottest = null;
        double? temperature = null;
        long? vramTotal = null, vramUsed = null, uncorrectable = null;
        foreach (var field in card.EnumerateObject())
        {
            var key = field.Name;
            var value = field.Value.ValueKind == JsonValueKind.String ? field.Value.GetString() : field.Value.GetRawText();
            if (key.Equals("PCI Bus", StringComparison.OrdinalIgnoreCase))
            {
                busId = value ?? string.Empty;
            }
            else if (key.StartsWith("Temperature (Sensor ", StringComparison.OrdinalIgnoreCase) && GpuText.Number(value) is { } t && t > (temperature ?? double.MinValue))
            {
                temperature = t;
                var close = key.IndexOf(')', StringComparison.Ordinal);
                hottest = close > 20 ? key[20..close] : key;
            }
            else if (key.Equals("VRAM Total Memory (B)", StringComparison.OrdinalIgnoreCase))
            {
                vramTotal = GpuText.Count(value);
            }
            else if (key.Equals("VRAM Total Used Memory (B)", StringComparison.OrdinalIgnoreCase))
            {
                vramUsed = GpuText.Count(value);
            }
            else if (key.Contains("uncorrectable", StringComparison.OrdinalIgnoreCase) && GpuText.Count(value) is { } n)
            {
                uncorrectable = (uncorrectable ?? 0) + n;
            }
        }

        return new AmdGpu(name, busId, hottest, temperature, vramTotal, vramUsed, uncorrectable);
    }
}
