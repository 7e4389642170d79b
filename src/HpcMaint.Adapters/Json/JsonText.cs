using System.Text;
using System.Text.Json;

namespace HpcMaint.Adapters.Json;

/// <summary>JSON written without reflection (AOT-safe): to text, and null-aware string fields.</summary>
public static class JsonText
{
    /// <summary>Writes one JSON document (indented) and a newline.</summary>
    public static void WriteDocument(TextWriter output, Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            write(writer);
        }

        output.WriteLine(Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length));
    }

    public static void WriteStringOrNull(this Utf8JsonWriter writer, string name, string? value)
    {
        if (value is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, value);
        }
    }
}
