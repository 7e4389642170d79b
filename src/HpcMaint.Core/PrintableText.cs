using System.Globalization;
using System.Text;

namespace HpcMaint.Core;

/// <summary>
/// Text from tools and files made safe for Slurm, the journal, metrics and a person's terminal: control and
/// invisible characters are written as escapes ("\x00", "\u202E"), and the length is bounded. A NUL in a
/// scontrol argument kills the run before the drain; an escape sequence in a reason repaints the admin's screen.
/// </summary>
public static class PrintableText
{
    /// <summary>One line (a reason, a finding): line breaks and tabs become spaces, at most <paramref name="maxLength"/> characters.</summary>
    public static string Line(string text, int maxLength) => Clean(text, maxLength, keepLines: false);

    /// <summary>A block of output: keeps line breaks and tabs, at most <paramref name="maxLength"/> characters.</summary>
    public static string Block(string text, int maxLength) => Clean(text, maxLength, keepLines: true);

    /// <summary>Whether <see cref="Line"/> or <see cref="Block"/> would leave the text as it is, length aside.</summary>
    public static bool IsPrintable(string text, bool keepLines) => !HasUnsafe(text, keepLines);

    private static string Clean(string text, int maxLength, bool keepLines)
    {
        if (!HasUnsafe(text, keepLines))
        {
            return Cut(text, maxLength);
        }

        var clean = new StringBuilder(Math.Min(text.Length, maxLength + 16));
        for (var i = 0; i < text.Length && clean.Length <= maxLength; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                clean.Append(c).Append(text[++i]);
            }
            else if (c is '\n' or '\t' or '\r' && !keepLines)
            {
                clean.Append(' ');
            }
            else if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                // CRLF line ends (Windows builds of the tools) are line ends, not stray returns.
            }
            else if (IsUnsafe(c, keepLines))
            {
                clean.Append(c <= 0xFF ? $"\\x{(int)c:X2}" : $"\\u{(int)c:X4}");
            }
            else
            {
                clean.Append(c);
            }
        }

        return Cut(clean.ToString(), maxLength);
    }

    private static bool HasUnsafe(string text, bool keepLines)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (IsUnsafe(c, keepLines) || (!keepLines && c is '\n' or '\t' or '\r'))
            {
                return true;
            }
        }

        return false;
    }

    // Controls (C0, DEL, C1), bidirectional and other format marks, Unicode line breaks and halves of a
    // surrogate pair (they cannot be written as UTF-8).
    private static bool IsUnsafe(char c, bool keepLines) =>
        c < 0x20 ? !(keepLines && c is '\n' or '\t')
        : c < 0x7F ? false
        : char.GetUnicodeCategory(c) is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator
            or UnicodeCategory.ParagraphSeparator or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse;

    private static string Cut(string text, int maxLength)
    {
        if (text.Length <= maxLength)
        {
            return text;
        }

        var end = maxLength - 1;
        if (end > 0 && char.IsHighSurrogate(text[end - 1]))
        {
            end--;
        }

        return string.Concat(text.AsSpan(0, end), "…");
    }
}
