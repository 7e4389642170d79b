using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace HpcMaint.Toml.Reading;

/// <summary>Turns TOML bytes into text, refusing anything that is not well-formed UTF-8 (TOML requires it).</summary>
internal static class Utf8Input
{
    public static string Decode(ReadOnlySpan<byte> utf8, string sourceName)
    {
        if (utf8.StartsWith("\uFEFF"u8))
        {
            utf8 = utf8[3..];
        }

        char[] buffer = ArrayPool<char>.Shared.Rent(Math.Max(1, Encoding.UTF8.GetMaxCharCount(utf8.Length)));
        try
        {
            var status = Utf8.ToUtf16(utf8, buffer, out int bytesRead, out int charsWritten, replaceInvalidSequences: false);
            if (status != OperationStatus.Done)
            {
                var (line, column) = PositionAfter(buffer.AsSpan(0, charsWritten));
                string reason = bytesRead < utf8.Length
                    ? $"invalid UTF-8 byte 0x{utf8[bytesRead]:X2}: TOML files must be UTF-8"
                    : "the file ends in the middle of a UTF-8 sequence";
                throw new TomlException(sourceName, line, column, reason);
            }

            return new string(buffer, 0, charsWritten);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    private static (int Line, int Column) PositionAfter(ReadOnlySpan<char> text)
    {
        int lastNewline = text.LastIndexOf('\n');
        int line = 1 + text.Count('\n');
        var lastLine = text[(lastNewline + 1)..];
        int column = 1 + lastLine.Length;
        foreach (char c in lastLine)
        {
            if (char.IsLowSurrogate(c))
            {
                column--;
            }
        }

        return (line, column);
    }
}
