using System.Text.Json;

namespace HpcMaint.Core.Health.Checks.Gpu;

/// <summary>
/// Why a tool's JSON could not be read, in our words: with the executables' UseSystemResourceKeys an exception's
/// message is a resource key, not a sentence. Text that is not valid Unicode cannot be parsed at all.
/// </summary>
internal static class JsonProblem
{
    public static bool IsUnreadable(Exception e) => e is JsonException or ArgumentException;

    public static string Describe(string tool, Exception e) =>
        e is JsonException { LineNumber: { } line, BytePositionInLine: { } column }
            ? $"the {tool} JSON is damaged or cut short (line {line + 1}, byte {column + 1})"
            : e is JsonException
                ? $"the {tool} JSON is damaged or cut short"
                : $"the {tool} output is not valid text";
}
