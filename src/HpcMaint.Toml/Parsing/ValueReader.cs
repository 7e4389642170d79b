namespace HpcMaint.Toml.Parsing;

/// <summary>Reads the value after <c>=</c> or inside an array, dispatching on its first character.</summary>
internal static class ValueReader
{
    // Arrays and inline tables recurse; bound it so hostile input fails cleanly instead of overflowing the stack.
    private const int MaxNesting = 256;

    /// <summary>Reads one value; <paramref name="at"/> is the position it is reported at (its key, or itself).</summary>
    public static TomlValue Read(TomlReader r, TextPosition at, int depth)
    {
        int c = r.Peek();
        switch (c)
        {
            case '"':
                string basic = IsTripled(r, '"') ? StringReader.ReadMultilineBasic(r) : StringReader.ReadBasic(r);
                return new TomlString(basic, at.Line, at.Column);
            case '\'':
                string literal = IsTripled(r, '\'') ? StringReader.ReadMultilineLiteral(r) : StringReader.ReadLiteral(r);
                return new TomlString(literal, at.Line, at.Column);
            case 't':
                return ReadKeyword(r, "true", at);
            case 'f':
                return ReadKeyword(r, "false", at);
            case '[':
                return ReadArray(r, at, depth + 1);
            case '{':
                return ReadInlineTable(r, at, depth + 1);
            case 'i' or 'n' or '+' or '-' or (>= '0' and <= '9'):
                return DateTimeReader.LooksLikeDateOrTime(r) ? DateTimeReader.Read(r, at) : NumberReader.Read(r, at);
            case TomlReader.EndOfInput or '\n' or '\r' or '#':
                throw r.Error("missing value: expected a value after '='");
            default:
                throw r.Error($"expected a value (string, number, boolean, date/time, array or inline table), found {TomlReader.Describe(c)}; strings must be quoted");
        }
    }

    private static bool IsTripled(TomlReader r, char quote) => r.PeekAt(1) == quote && r.PeekAt(2) == quote;

    private static TomlBoolean ReadKeyword(TomlReader r, string word, TextPosition at)
    {
        if (!r.LookingAt(word) || KeyReader.IsBareKeyChar(r.PeekAt(word.Length)))
        {
            throw r.Error("expected a value: booleans are lower-case true or false, strings must be quoted");
        }

        r.Advance(word.Length);
        return new TomlBoolean(word.Length == 4, at.Line, at.Column);
    }

    private static TomlArray ReadArray(TomlReader r, TextPosition at, int depth)
    {
        CheckDepth(r, depth);
        var array = new TomlArray(isArrayOfTables: false, at.Line, at.Column);
        r.Advance();
        while (true)
        {
            r.SkipWhitespaceCommentsAndNewlines();
            if (r.Peek() == ']')
            {
                r.Advance();
                return array;
            }

            array.Add(Read(r, r.Mark(), depth));
            r.SkipWhitespaceCommentsAndNewlines();
            switch (r.Peek())
            {
                case ',':
                    r.Advance();
                    break;
                case ']':
                    r.Advance();
                    return array;
                case TomlReader.EndOfInput:
                    throw r.Error("array is not closed: expected ']'");
                default:
                    throw r.Error($"expected ',' or ']' after an array element, found {TomlReader.Describe(r.Peek())}");
            }
        }
    }

    private static TomlTable ReadInlineTable(TomlReader r, TextPosition at, int depth)
    {
        CheckDepth(r, depth);
        var table = new TomlTable(TableOrigin.Inline, at.Line, at.Column);
        var key = new List<KeySegment>(2);
        r.Advance();
        r.SkipWhitespace();
        if (r.Peek() == '}')
        {
            r.Advance();
            return table;
        }

        while (true)
        {
            r.SkipWhitespace();
            RejectLineBreak(r);
            KeyReader.Read(r, key);
            if (r.Peek() != '=')
            {
                throw r.Error($"expected '=' after key '{KeyText.Join(key, key.Count)}', found {TomlReader.Describe(r.Peek())}");
            }

            r.Advance();
            r.SkipWhitespace();
            RejectLineBreak(r);
            var value = Read(r, key[^1].Position, depth);
            TableBuilder.Assign(r, table, key, value);
            r.SkipWhitespace();
            switch (r.Peek())
            {
                case ',':
                    r.Advance();
                    r.SkipWhitespace();
                    if (r.Peek() == '}')
                    {
                        throw r.Error("trailing comma is not allowed in an inline table");
                    }

                    break;
                case '}':
                    r.Advance();
                    return table;
                default:
                    RejectLineBreak(r);
                    throw r.Error($"expected ',' or '}}' in inline table, found {TomlReader.Describe(r.Peek())}");
            }
        }
    }

    private static void RejectLineBreak(TomlReader r)
    {
        switch (r.Peek())
        {
            case '\n' or '\r':
                throw r.Error("an inline table must be on one line (TOML 1.0): expected '}' before the line ends");
            case '#':
                throw r.Error("comments are not allowed inside an inline table");
            case TomlReader.EndOfInput:
                throw r.Error("inline table is not closed: expected '}'");
        }
    }

    private static void CheckDepth(TomlReader r, int depth)
    {
        if (depth > MaxNesting)
        {
            throw r.Error($"arrays and inline tables are nested more than {MaxNesting} deep");
        }
    }
}
