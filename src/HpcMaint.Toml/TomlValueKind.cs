namespace HpcMaint.Toml;

/// <summary>The TOML type of a <see cref="TomlValue"/>, for switching and for "expected X, got Y" messages.</summary>
public enum TomlValueKind
{
    String,
    Integer,
    Float,
    Boolean,
    DateTime,
    Array,
    Table,
}
