using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace HpcMaint.Toml;

/// <summary>
/// Writes a document in toml-test's tagged JSON: tables become objects, arrays become arrays, and every other
/// value becomes <c>{"type": "...", "value": "..."}</c> with the value as a string.
/// </summary>
public static class TomlTaggedJson
{
    /// <summary>
    /// Writes <paramref name="root"/> as one JSON object; the caller owns (and flushes) the writer. The writer's
    /// <see cref="JsonWriterOptions.MaxDepth"/> (default 1000) bounds how deeply nested a document can be written.
    /// </summary>
    public static void Write(TomlTable root, Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(writer);
        WriteTable(root, writer);
    }

    /// <summary>The tagged JSON as indented text, non-ASCII left readable.</summary>
    public static string ToJsonString(TomlTable root)
    {
        using var buffer = new MemoryStream();
        var options = new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        using (var writer = new Utf8JsonWriter(buffer, options))
        {
            Write(root, writer);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>toml-test's name for a leaf's type.</summary>
    private static string? TypeName(TomlValue value) => value switch
    {
        TomlString => "string",
        TomlInteger => "integer",
        TomlFloat => "float",
        TomlBoolean => "bool",
        TomlDateTime { DateTimeKind: TomlDateTimeKind.OffsetDateTime } => "datetime",
        TomlDateTime { DateTimeKind: TomlDateTimeKind.LocalDateTime } => "datetime-local",
        TomlDateTime { DateTimeKind: TomlDateTimeKind.LocalDate } => "date-local",
        TomlDateTime { DateTimeKind: TomlDateTimeKind.LocalTime } => "time-local",
        _ => null,
    };

    private static void WriteTable(TomlTable table, Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        foreach (var (key, value) in table)
        {
            writer.WritePropertyName(key);
            WriteValue(value, writer);
        }

        writer.WriteEndObject();
    }

    private static void WriteValue(TomlValue value, Utf8JsonWriter writer)
    {
        switch (value)
        {
            case TomlTable table:
                WriteTable(table, writer);
                break;
            case TomlArray array:
                writer.WriteStartArray();
                foreach (var item in array)
                {
                    WriteValue(item, writer);
                }

                writer.WriteEndArray();
                break;
            default:
                writer.WriteStartObject();
                writer.WriteString("type"u8, TypeName(value));
                writer.WriteString("value"u8, LeafText(value));
                writer.WriteEndObject();
                break;
        }
    }

    private static string LeafText(TomlValue value) => value switch
    {
        TomlString s => s.Value,
        TomlInteger i => i.Value.ToString(CultureInfo.InvariantCulture),
        _ => value.ToString()!,
    };
}
