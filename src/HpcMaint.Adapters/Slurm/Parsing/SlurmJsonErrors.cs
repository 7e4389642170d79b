using System.Text.Json;

namespace HpcMaint.Adapters.Slurm.Parsing;

/// <summary>Slurm's JSON carries an "errors" list; a non-empty one means the data is not to be trusted.</summary>
internal static class SlurmJsonErrors
{
    public static void ThrowIfAny(JsonElement root, string source)
    {
        if (!root.TryGetProperty("errors", out var errors) || errors.ValueKind != JsonValueKind.Array || errors.GetArrayLength() == 0)
        {
            return;
        }

        var texts = errors.EnumerateArray()
            .Select(e => e.ValueKind == JsonValueKind.Object
                ? JsonFields.String(e, "description") ?? JsonFields.String(e, "error") ?? e.GetRawText()
                : e.ToString());
        throw new SlurmParseException(source, "Slurm reported errors: " + string.Join("; ", texts));
    }
}
