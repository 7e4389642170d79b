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
        var codes = errors.EnumerateArray()
            .Select(e => e.ValueKind == JsonValueKind.Object ? JsonFields.String(e, "error") ?? string.Empty : e.ToString())
            .ToArray();
        if (SlurmErrors.IsUnreachableJson(codes))
        {
            throw new SlurmParseException(source, $"{SlurmErrors.Unreachable}: {source} reported only 'Unspecified error' ({string.Join("; ", texts)}), what Slurm 22.05 says when it cannot reach slurmctld", controllerUnreachable: true);
        }

        throw new SlurmParseException(source, "Slurm reported errors: " + string.Join("; ", texts));
    }
}
