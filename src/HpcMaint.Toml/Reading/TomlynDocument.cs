using Tomlyn.Parsing;
using Tomlyn.Syntax;

namespace HpcMaint.Toml.Reading;

/// <summary>
/// Parses with Tomlyn's syntax parser and validator, then builds the value model from the syntax tree.
/// The tree, not Tomlyn's <c>TomlTable</c> model: only the validated tree refuses duplicate keys and
/// redefined tables (deserialising straight to a model accepts 49 of toml-test's invalid documents),
/// and its nodes carry the line and column each value is reported at.
/// </summary>
internal static class TomlynDocument
{
    // Enough to act on; a file that is not TOML at all would otherwise list every line.
    private const int MaxProblems = 20;

    // Tomlyn's default (TomlSerializerOptions.MaxDepth), which its syntax parser applies.
    private const int MaxDepth = 64;

    public static TomlTable Read(string text, string sourceName)
    {
        // CRLF read as LF: multi-line strings then hold LF whatever the file's line ends (Tomlyn keeps CRLF).
        // Only CRLF pairs change, so a bare CR is still refused, and no line or column moves.
        var (parsable, hidden) = HiddenReplacementCharacter.Hide(text.Contains('\r', StringComparison.Ordinal) ? text.Replace("\r\n", "\n", StringComparison.Ordinal) : text);
        DocumentSyntax document;
        try
        {
            document = SyntaxParser.Parse(parsable, sourceName, validate: true);
        }
        catch (Tomlyn.TomlException e)
        {
            // Thrown, not reported, when values nest deeper than Tomlyn's limit, with no position.
            string reason = e.Message.Contains("maximum depth", StringComparison.Ordinal)
                ? $"arrays and inline tables are nested more than {MaxDepth} deep"
                : Reason(hidden.Restore(e.Message));
            throw new TomlException(sourceName, Math.Max(1, e.Line ?? 1), Math.Max(1, e.Column ?? 1), reason);
        }

        if (document.HasErrors)
        {
            throw new TomlException(sourceName, Problems(document.Diagnostics, hidden));
        }

        return new SyntaxTreeReader(sourceName, hidden).Read(document);
    }

    /// <summary>The first error on each line, in source order: what follows on the same line is Tomlyn's cascade.</summary>
    private static List<TomlProblem> Problems(DiagnosticsBag diagnostics, HiddenReplacementCharacter hidden)
    {
        var problems = new List<TomlProblem>();
        foreach (var diagnostic in diagnostics)
        {
            if (diagnostic.Kind == DiagnosticMessageKind.Error)
            {
                problems.Add(new TomlProblem(diagnostic.Span.Start.Line + 1, diagnostic.Span.Start.Column + 1, Reason(hidden.Restore(diagnostic.Message))));
            }
        }

        problems.Sort((a, b) => a.Line != b.Line ? a.Line.CompareTo(b.Line) : a.Column.CompareTo(b.Column));
        problems = [.. problems.DistinctBy(p => p.Line).Take(MaxProblems)];
        return problems;
    }

    /// <summary>
    /// Tomlyn's message without the source excerpt it quotes for a redefinition (" with `a = 1␤# note`"):
    /// the excerpt shows line breaks as ␤ and the position already says where the first definition is.
    /// </summary>
    private static string Reason(string message)
    {
        int excerpt = message.IndexOf(" with `", StringComparison.Ordinal);
        int end = excerpt < 0 ? -1 : message.IndexOf("` and ", excerpt + 7, StringComparison.Ordinal);
        return end < 0 ? message : string.Concat(message.AsSpan(0, excerpt), message.AsSpan(end + 1));
    }
}
