namespace HpcMaint.Toml;

public sealed class TomlString : TomlValue
{
    internal TomlString(string value, int line, int column)
        : base(line, column) => Value = value;

    public string Value { get; }

    public override TomlValueKind Kind => TomlValueKind.String;

    public override string ToString() => Value;
}
