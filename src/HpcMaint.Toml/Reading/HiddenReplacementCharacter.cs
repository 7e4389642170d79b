namespace HpcMaint.Toml.Reading;

/// <summary>
/// Works around a Tomlyn 2.11.1 bug: its lexer takes U+FFFD (the Unicode replacement character) for a
/// decoding failure and reports "Invalid UTF-16 surrogate sequence", though TOML allows the character.
/// Before parsing, each U+FFFD is swapped for a private-use character the text does not contain; every
/// string, key and message read back swaps it again. Invalid UTF-8 never gets here (<see cref="Utf8Input"/>).
/// </summary>
internal readonly struct HiddenReplacementCharacter
{
    private const char Replacement = '\uFFFD';
    private readonly char _standIn;

    private HiddenReplacementCharacter(char standIn) => _standIn = standIn;

    /// <summary>The text Tomlyn can parse, and how to restore what it reads from it.</summary>
    public static (string Text, HiddenReplacementCharacter Hidden) Hide(string text)
    {
        if (!text.Contains(Replacement, StringComparison.Ordinal))
        {
            return (text, default);
        }

        for (char c = '\uE000'; c <= '\uF8FF'; c++)
        {
            if (!text.Contains(c, StringComparison.Ordinal))
            {
                return (text.Replace(Replacement, c), new HiddenReplacementCharacter(c));
            }
        }

        // Every private-use character is in the text as well: leave it to Tomlyn (the bug then shows).
        return (text, default);
    }

    public string Restore(string read) => _standIn == '\0' ? read : read.Replace(_standIn, Replacement);
}
