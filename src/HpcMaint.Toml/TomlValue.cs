namespace HpcMaint.Toml;

/// <summary>
/// A value read from a TOML document. <see cref="Line"/> and <see cref="Column"/> (1-based) point at the key
/// that names the value, or at the value itself for array elements, so callers can report <c>file:line</c>.
/// </summary>
public abstract class TomlValue
{
    private protected TomlValue(int line, int column)
    {
        Line = line;
        Column = column;
    }

    public int Line { get; private protected set; }

    public int Column { get; private protected set; }

    public abstract TomlValueKind Kind { get; }
}
