namespace HpcMaint.Toml.Parsing;

/// <summary>The top level of a TOML document: a sequence of lines holding key/value pairs, table headers or comments.</summary>
internal static class DocumentParser
{
    public static TomlTable Parse(string text, string sourceName)
    {
        var r = new TomlReader(text, sourceName);
        var root = new TomlTable(TableOrigin.Header, 1, 1);
        var current = root;
        var key = new List<KeySegment>(4);
        r.SkipByteOrderMark();
        while (true)
        {
            r.SkipWhitespace();
            switch (r.Peek())
            {
                case TomlReader.EndOfInput:
                    return root;
                case '#' or '\n' or '\r':
                    r.ExpectLineEnd("after a comment");
                    break;
                case '[':
                    current = ReadHeader(r, root, key);
                    r.ExpectLineEnd("after the table header");
                    break;
                default:
                    ReadKeyValue(r, current, key);
                    r.ExpectLineEnd("after the value");
                    break;
            }
        }
    }

    private static TomlTable ReadHeader(TomlReader r, TomlTable root, List<KeySegment> key)
    {
        var header = r.Mark();
        r.Advance();
        bool arrayOfTables = r.Peek() == '[';
        if (arrayOfTables)
        {
            r.Advance();
        }

        KeyReader.Read(r, key);
        string close = arrayOfTables ? "]]" : "]";
        if (!r.LookingAt(close))
        {
            throw r.Error($"expected '{close}' to close the table header, found {TomlReader.Describe(r.Peek())}");
        }

        r.Advance(close.Length);
        return arrayOfTables
            ? TableBuilder.AppendToArrayOfTables(r, root, key, header)
            : TableBuilder.DefineTable(r, root, key, header);
    }

    private static void ReadKeyValue(TomlReader r, TomlTable current, List<KeySegment> key)
    {
        KeyReader.Read(r, key);
        if (r.Peek() != '=')
        {
            throw r.Error($"expected '=' after key '{KeyText.Join(key, key.Count)}', found {TomlReader.Describe(r.Peek())}");
        }

        r.Advance();
        r.SkipWhitespace();
        var value = ValueReader.Read(r, key[^1].Position, 0);
        TableBuilder.Assign(r, current, key, value);
    }
}
