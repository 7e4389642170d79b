using System.Text;

namespace HpcMaint.Toml.Parsing;

/// <summary>
/// Cursor over the TOML text: position and line tracking, the whitespace/comment/newline rules shared by
/// every part of the grammar, and errors that carry the current position.
/// </summary>
internal sealed class TomlReader
{
    public const int EndOfInput = -1;

    private readonly string _text;
    private readonly string _sourceName;
    private int _pos;
    private int _line = 1;
    private int _lineStart;

    public TomlReader(string text, string sourceName)
    {
        _text = text;
        _sourceName = sourceName;
    }

    /// <summary>Reused buffer for strings that need unescaping.</summary>
    public StringBuilder Scratch { get; } = new();

    public int Position => _pos;

    public int Peek() => _pos < _text.Length ? _text[_pos] : EndOfInput;

    public int PeekAt(int offset) => _pos + offset < _text.Length ? _text[_pos + offset] : EndOfInput;

    public bool LookingAt(string expected) => _text.AsSpan(_pos).StartsWith(expected, StringComparison.Ordinal);

    /// <summary>Steps over one character, counting lines.</summary>
    public void Advance()
    {
        if (_text[_pos] == '\n')
        {
            _line++;
            _lineStart = _pos + 1;
        }

        _pos++;
    }

    public void Advance(int count)
    {
        for (int i = 0; i < count; i++)
        {
            Advance();
        }
    }

    public ReadOnlySpan<char> SliceFrom(int start) => _text.AsSpan(start, _pos - start);

    public string SubstringFrom(int start) => _text.Substring(start, _pos - start);

    public TextPosition Mark() => new(_line, ColumnOf(_pos));

    public TomlException Error(string reason) => Error(Mark(), reason);

    public TomlException Error(TextPosition at, string reason) => new(_sourceName, at.Line, at.Column, reason);

    public void SkipByteOrderMark()
    {
        if (_pos == 0 && Peek() == '\uFEFF')
        {
            _pos++;
            _lineStart = _pos;
        }
    }

    /// <summary>Skips spaces and tabs, the only whitespace TOML has.</summary>
    public void SkipWhitespace()
    {
        while (_pos < _text.Length && _text[_pos] is ' ' or '\t')
        {
            _pos++;
        }
    }

    /// <summary>Consumes LF or CRLF; a lone CR is an error.</summary>
    public bool TrySkipNewline()
    {
        int c = Peek();
        if (c == '\n')
        {
            Advance();
            return true;
        }

        if (c == '\r')
        {
            if (PeekAt(1) != '\n')
            {
                throw Error("a carriage return must be followed by a line feed");
            }

            _pos++;
            Advance();
            return true;
        }

        return false;
    }

    /// <summary>Skips a comment from <c>#</c> up to, not including, the end of the line.</summary>
    public void SkipComment()
    {
        _pos++;
        while (true)
        {
            int c = Peek();
            if (c is EndOfInput or '\n' || (c == '\r' && PeekAt(1) == '\n'))
            {
                return;
            }

            AdvanceTextChar("a comment");
        }
    }

    /// <summary>Inside arrays, values may be separated by any mix of whitespace, comments and newlines.</summary>
    public void SkipWhitespaceCommentsAndNewlines()
    {
        while (true)
        {
            SkipWhitespace();
            if (Peek() == '#')
            {
                SkipComment();
            }

            if (!TrySkipNewline())
            {
                return;
            }
        }
    }

    /// <summary>After a key/value pair or a header only whitespace and a comment may follow on the line.</summary>
    public void ExpectLineEnd(string after)
    {
        SkipWhitespace();
        if (Peek() == '#')
        {
            SkipComment();
        }

        if (Peek() != EndOfInput && !TrySkipNewline())
        {
            throw Error($"unexpected {Describe(Peek())} {after}; expected a new line or a comment");
        }
    }

    /// <summary>
    /// Steps over one character of free text (a comment or a string body), refusing control characters other
    /// than tab and surrogates that do not form a pair. Newlines are the caller's business.
    /// </summary>
    public void AdvanceTextChar(string where)
    {
        char c = _text[_pos];
        if (c is >= ' ' and < '\x7F' or '\t')
        {
            _pos++;
            return;
        }

        if (c < ' ' || c == '\x7F')
        {
            throw Error($"control character {Describe(c)} is not allowed in {where}");
        }

        if (char.IsHighSurrogate(c) && _pos + 1 < _text.Length && char.IsLowSurrogate(_text[_pos + 1]))
        {
            _pos += 2;
            return;
        }

        if (char.IsSurrogate(c))
        {
            throw Error($"unpaired surrogate {Describe(c)} is not a Unicode character");
        }

        _pos++;
    }

    /// <summary>Names a character for an error message.</summary>
    public static string Describe(int c) => c switch
    {
        EndOfInput => "end of input",
        '\n' => "end of line",
        '\r' => "carriage return",
        '\t' => "tab",
        < ' ' or 0x7F or (>= 0xD800 and <= 0xDFFF) => $"U+{c:X4}",
        _ => $"'{(char)c}'",
    };

    private int ColumnOf(int pos)
    {
        int column = 1;
        for (int i = _lineStart; i < pos; i++)
        {
            // The low half of a surrogate pair does not start a new character.
            if (!(char.IsLowSurrogate(_text[i]) && i > _lineStart && char.IsHighSurrogate(_text[i - 1])))
            {
                column++;
            }
        }

        return column;
    }
}
