using System.Globalization;

namespace HpcMaint.Toml;

public sealed class TomlInteger : TomlValue
{
    internal TomlInteger(long value, int line, int column)
        : base(line, column) => Value = value;

    public long Value { get; }

    public override TomlValueKind Kind => TomlValueKind.Integer;

    public override string ToString() => Value.ToString(CultureInfo.InvariantCulture);
}
