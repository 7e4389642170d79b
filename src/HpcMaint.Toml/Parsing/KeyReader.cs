namespace HpcMaint.Toml.Parsing;

/// <summary>Reads keys: bare (<c>A-Za-z0-9_-</c>), quoted, and dotted combinations of them.</summary>
internal static class KeyReader
{
    /// <summary>Reads a possibly dotted key into <paramref name="segments"/>, leaving the cursor after trailing whitespace.</summary>
    public static void Read(TomlReader r, List<KeySegment> segments)
    {
        segments.Clear();
        while (true)
        {
            r.SkipWhitespace();
            var at = r.Mark();
            segments.Add(new KeySegment(ReadSimpleKey(r), at));
            r.SkipWhitespace();
            if (r.Peek() != '.')
            {
                return;
            }

            r.Advance();
        }
    }

    public static bool IsBareKeyChar(int c) =>
        c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_' or '-';

    private static string ReadSimpleKey(TomlReader r)
    {
        int c = r.Peek();
        if (c is '"' or '\'')
        {
            if (r.PeekAt(1) == c && r.PeekAt(2) == c)
            {
                throw r.Error("a key cannot be a multi-line string");
            }

            return c == '"' ? StringReader.ReadBasic(r) : StringReader.ReadLiteral(r);
        }

        if (!IsBareKeyChar(c))
        {
            throw r.Error(c switch
            {
                '=' => "missing key before '='",
                '.' => "empty key segment: a dotted key cannot start with or contain '..'",
                TomlReader.EndOfInput or '\n' or '\r' or '#' or ']' => $"expected a key, found {TomlReader.Describe(c)}",
                _ => $"{TomlReader.Describe(c)} is not allowed in a bare key; quote the key",
            });
        }

        int start = r.Position;
        while (IsBareKeyChar(r.Peek()))
        {
            r.Advance();
        }

        return r.SubstringFrom(start);
    }
}
