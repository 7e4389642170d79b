using System.Collections;

namespace HpcMaint.Toml;

/// <summary>A TOML array (<c>[1, "two"]</c>) or array of tables (<c>[[name]]</c>); elements in source order.</summary>
public sealed class TomlArray : TomlValue, IReadOnlyList<TomlValue>
{
    private readonly List<TomlValue> _items = [];

    internal TomlArray(bool isArrayOfTables, int line, int column)
        : base(line, column) => IsArrayOfTables = isArrayOfTables;

    public override TomlValueKind Kind => TomlValueKind.Array;

    /// <summary>True when built by <c>[[name]]</c> headers; false for an inline (static) array.</summary>
    public bool IsArrayOfTables { get; }

    public int Count => _items.Count;

    public TomlValue this[int index] => _items[index];

    public List<TomlValue>.Enumerator GetEnumerator() => _items.GetEnumerator();

    IEnumerator<TomlValue> IEnumerable<TomlValue>.GetEnumerator() => _items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => _items.GetEnumerator();

    internal void Add(TomlValue value) => _items.Add(value);
}
