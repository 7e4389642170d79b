using System.Globalization;

namespace HpcMaint.Toml;

/// <summary>A TOML float; <see cref="Value"/> may be infinite or NaN (<c>inf</c>, <c>-inf</c>, <c>nan</c>).</summary>
public sealed class TomlFloat : TomlValue
{
    internal TomlFloat(double value, int line, int column)
        : base(line, column) => Value = value;

    public double Value { get; }

    public override TomlValueKind Kind => TomlValueKind.Float;

    /// <summary>The value in TOML spelling: <c>inf</c>, <c>-inf</c>, <c>nan</c>, otherwise round-trip decimal.</summary>
    public override string ToString() => Value switch
    {
        double.PositiveInfinity => "inf",
        double.NegativeInfinity => "-inf",
        _ when double.IsNaN(Value) => "nan",
        _ => Value.ToString("R", CultureInfo.InvariantCulture),
    };
}
