namespace HpcMaint.Toml;

/// <summary>
/// The TOML text is not valid TOML 1.0. <see cref="Exception.Message"/> reads
/// <c>&lt;source&gt;:&lt;line&gt;:&lt;column&gt;: &lt;reason&gt;</c>; line and column are 1-based.
/// </summary>
public sealed class TomlException : Exception
{
    public TomlException(string sourceName, int line, int column, string reason)
        : base($"{sourceName}:{line}:{column}: {reason}")
    {
        SourceName = sourceName;
        Line = line;
        Column = column;
        Reason = reason;
    }

    public string SourceName { get; }

    public int Line { get; }

    public int Column { get; }

    /// <summary>What is wrong, without the position prefix.</summary>
    public string Reason { get; }
}
