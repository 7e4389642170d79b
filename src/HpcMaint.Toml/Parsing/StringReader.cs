using System.Text;

namespace HpcMaint.Toml.Parsing;

/// <summary>Reads the four TOML string forms: basic, literal, and their multi-line variants.</summary>
internal static class StringReader
{
    /// <summary><c>"..."</c> with escapes, on one line. The cursor is on the opening quote.</summary>
    public static string ReadBasic(TomlReader r)
    {
        r.Advance();
        int start = r.Position;

        // Fast path: most strings have no escapes and can be cut straight out of the text.
        while (true)
        {
            int c = r.Peek();
            if (c == '"')
            {
                string plain = r.SubstringFrom(start);
                r.Advance();
                return plain;
            }

            if (c == '\\')
            {
                break;
            }

            EnsureOpenOnThisLine(r, c);
            r.AdvanceTextChar("a string");
        }

        var sb = r.Scratch.Clear().Append(r.SliceFrom(start));
        while (true)
        {
            int c = r.Peek();
            if (c == '"')
            {
                r.Advance();
                return sb.ToString();
            }

            if (c == '\\')
            {
                ReadEscape(r, sb);
                continue;
            }

            EnsureOpenOnThisLine(r, c);
            AppendTextChar(r, sb, "a string");
        }
    }

    /// <summary><c>'...'</c>: no escapes, on one line. The cursor is on the opening quote.</summary>
    public static string ReadLiteral(TomlReader r)
    {
        r.Advance();
        int start = r.Position;
        while (true)
        {
            int c = r.Peek();
            if (c == '\'')
            {
                string text = r.SubstringFrom(start);
                r.Advance();
                return text;
            }

            EnsureOpenOnThisLine(r, c);
            r.AdvanceTextChar("a literal string");
        }
    }

    /// <summary><c>"""..."""</c>. The cursor is on the first of the three opening quotes.</summary>
    public static string ReadMultilineBasic(TomlReader r) => ReadMultiline(r, '"');

    /// <summary><c>'''...'''</c>. The cursor is on the first of the three opening quotes.</summary>
    public static string ReadMultilineLiteral(TomlReader r) => ReadMultiline(r, '\'');

    private static string ReadMultiline(TomlReader r, char quote)
    {
        var open = r.Mark();
        r.Advance(3);

        // A newline right after the opening delimiter is trimmed.
        r.TrySkipNewline();
        string where = quote == '"' ? "a multi-line string" : "a multi-line literal string";
        var sb = r.Scratch.Clear();
        while (true)
        {
            int c = r.Peek();
            if (c == quote)
            {
                int run = 1;
                while (r.PeekAt(run) == quote)
                {
                    run++;
                }

                r.Advance(run);
                if (run < 3)
                {
                    sb.Append(quote, run);
                    continue;
                }

                // Up to two quotes may touch the closing delimiter: """a""""" is 'a""'.
                if (run > 5)
                {
                    throw r.Error($"too many {quote} characters in a row: at most two may come before the closing {quote}{quote}{quote}");
                }

                return sb.Append(quote, run - 3).ToString();
            }

            switch (c)
            {
                case TomlReader.EndOfInput:
                    throw r.Error(open, $"{where} is not closed: expected {quote}{quote}{quote}");
                case '\n' or '\r':
                    r.TrySkipNewline();
                    sb.Append('\n');
                    break;
                case '\\' when quote == '"':
                    if (IsLineEndingBackslash(r))
                    {
                        SkipLineEndingBackslash(r);
                    }
                    else
                    {
                        ReadEscape(r, sb);
                    }

                    break;
                default:
                    AppendTextChar(r, sb, where);
                    break;
            }
        }
    }

    /// <summary>A backslash followed by optional whitespace and a newline joins the lines.</summary>
    private static bool IsLineEndingBackslash(TomlReader r)
    {
        int i = 1;
        while (r.PeekAt(i) is ' ' or '\t')
        {
            i++;
        }

        int c = r.PeekAt(i);
        if (c == '\n' || (c == '\r' && r.PeekAt(i + 1) == '\n'))
        {
            return true;
        }

        if (i > 1)
        {
            throw r.Error("a backslash followed by whitespace must end the line (line-ending backslash)");
        }

        return false;
    }

    private static void SkipLineEndingBackslash(TomlReader r)
    {
        r.Advance();
        while (true)
        {
            r.SkipWhitespace();
            if (!r.TrySkipNewline())
            {
                return;
            }
        }
    }

    private static void EnsureOpenOnThisLine(TomlReader r, int c)
    {
        if (c is TomlReader.EndOfInput or '\n' or '\r')
        {
            throw r.Error("string is not closed before the end of the line");
        }
    }

    private static void AppendTextChar(TomlReader r, StringBuilder sb, string where)
    {
        int from = r.Position;
        r.AdvanceTextChar(where);
        sb.Append(r.SliceFrom(from));
    }

    private static void ReadEscape(TomlReader r, StringBuilder sb)
    {
        var at = r.Mark();
        r.Advance();
        int c = r.Peek();
        switch (c)
        {
            case 'b': sb.Append('\b'); break;
            case 't': sb.Append('\t'); break;
            case 'n': sb.Append('\n'); break;
            case 'f': sb.Append('\f'); break;
            case 'r': sb.Append('\r'); break;
            case '"': sb.Append('"'); break;
            case '\\': sb.Append('\\'); break;
            case 'u':
                AppendScalar(r, sb, at, 4);
                return;
            case 'U':
                AppendScalar(r, sb, at, 8);
                return;
            default:
                string found = c is TomlReader.EndOfInput or '\n' or '\r' ? "" : $"{(char)c}";
                throw r.Error(at, $"invalid escape sequence '\\{found}'; TOML allows \\b \\t \\n \\f \\r \\\" \\\\ \\uXXXX \\UXXXXXXXX");
        }

        r.Advance();
    }

    private static void AppendScalar(TomlReader r, StringBuilder sb, TextPosition at, int digits)
    {
        r.Advance();
        uint value = 0;
        for (int i = 0; i < digits; i++)
        {
            int d = HexValue(r.Peek());
            if (d < 0)
            {
                throw r.Error(at, $"\\{(digits == 4 ? 'u' : 'U')} escape needs exactly {digits} hex digits");
            }

            value = (value << 4) | (uint)d;
            r.Advance();
        }

        if (value > 0x10FFFF || value is >= 0xD800 and <= 0xDFFF)
        {
            throw r.Error(at, $"escape U+{value:X4} is not a Unicode scalar value (surrogate or above U+10FFFF)");
        }

        if (value < 0x10000)
        {
            sb.Append((char)value);
        }
        else
        {
            value -= 0x10000;
            sb.Append((char)(0xD800 + (value >> 10))).Append((char)(0xDC00 + (value & 0x3FF)));
        }
    }

    private static int HexValue(int c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };
}
