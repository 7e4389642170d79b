namespace HpcMaint.Core.Hostlists;

/// <summary>
/// Why a hostlist expression was rejected: where (<see cref="Position"/>, a 0-based offset into the
/// expression), what kind of problem, and a sentence for the operator.
/// </summary>
public sealed record HostlistError(string Expression, int Position, HostlistErrorKind Kind, string Detail)
{
    private const int ExcerptLength = 60;

    /// <summary>One line for an operator, e.g. <c>invalid hostlist at offset 2 ("a[3-1]"): range '3-1' runs backwards</c>.</summary>
    public string Message => $"invalid hostlist at offset {Position} (\"{Excerpt()}\"): {Detail}";

    public override string ToString() => Message;

    private string Excerpt()
    {
        if (Expression.Length <= ExcerptLength)
        {
            return Expression;
        }

        int start = Math.Clamp(Position - (ExcerptLength / 2), 0, Expression.Length - ExcerptLength);
        string head = start > 0 ? "…" : "";
        string tail = start + ExcerptLength < Expression.Length ? "…" : "";
        return string.Concat(head, Expression.AsSpan(start, ExcerptLength), tail);
    }
}
