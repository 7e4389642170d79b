namespace HpcMaint.Toml;

/// <summary>
/// The TOML text is not valid TOML 1.0. <see cref="Problems"/> lists every problem found, in source order;
/// <see cref="Exception.Message"/> has one line per problem, <c>&lt;source&gt;:&lt;line&gt;:&lt;column&gt;: &lt;reason&gt;</c>.
/// <see cref="Line"/>, <see cref="Column"/> and <see cref="Reason"/> are those of the first.
/// </summary>
public sealed class TomlException : Exception
{
    public TomlException(string sourceName, int line, int column, string reason)
        : this(sourceName, [new TomlProblem(line, column, reason)])
    {
    }

    public TomlException(string sourceName, IReadOnlyList<TomlProblem> problems)
        : base(string.Join('\n', problems.Select(p => $"{sourceName}:{p.Line}:{p.Column}: {p.Reason}")))
    {
        ArgumentOutOfRangeException.ThrowIfZero(problems.Count);
        SourceName = sourceName;
        Problems = problems;
    }

    public string SourceName { get; }

    public IReadOnlyList<TomlProblem> Problems { get; }

    public int Line => Problems[0].Line;

    public int Column => Problems[0].Column;

    /// <summary>What is wrong (the first problem), without the position prefix.</summary>
    public string Reason => Problems[0].Reason;
}
