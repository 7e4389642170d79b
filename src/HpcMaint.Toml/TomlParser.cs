using HpcMaint.Toml.Reading;

namespace HpcMaint.Toml;

/// <summary>Parses TOML 1.0 documents (through Tomlyn's syntax tree) into the position-carrying value model.</summary>
public static class TomlParser
{
    /// <summary>Parses TOML text. <paramref name="sourceName"/> (usually the file path) prefixes error messages.</summary>
    /// <exception cref="TomlException">The text is not valid TOML 1.0; every problem found is listed.</exception>
    public static TomlTable Parse(string text, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(sourceName);
        return TomlynDocument.Read(text, sourceName);
    }

    /// <summary>
    /// Parses TOML bytes as read from a file or stdin. Prefer this over decoding yourself: it rejects
    /// invalid UTF-8 with a position, where a lenient decoder would silently substitute U+FFFD.
    /// </summary>
    /// <exception cref="TomlException">The bytes are not UTF-8 or not valid TOML 1.0.</exception>
    public static TomlTable Parse(ReadOnlySpan<byte> utf8, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(sourceName);
        return TomlynDocument.Read(Utf8Input.Decode(utf8, sourceName), sourceName);
    }
}
