namespace HpcMaint.Toml;

public sealed class TomlBoolean : TomlValue
{
    internal TomlBoolean(bool value, int line, int column)
        : base(line, column) => Value = value;

    public bool Value { get; }

    public override TomlValueKind Kind => TomlValueKind.Boolean;

    public override string ToString() => Value ? "true" : "false";
}
