using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace HpcMaint.Toml;

/// <summary>
/// A TOML table: keys in source order. <see cref="TomlValue.Line"/> is where the table is defined: its
/// <c>[header]</c>, the key naming an inline or dotted-key table, or its first mention in a longer header.
/// </summary>
[SuppressMessage("Naming", "CA1710:Identifiers should have correct suffix", Justification = "'Table' is TOML's own word.")]
public sealed class TomlTable : TomlValue, IReadOnlyDictionary<string, TomlValue>
{
    // Config tables are small: a linear scan beats hashing until a table grows past this.
    private const int IndexThreshold = 8;

    private readonly List<KeyValuePair<string, TomlValue>> _entries = [];
    private Dictionary<string, int>? _index;

    internal TomlTable(int line, int column)
        : base(line, column)
    {
    }

    public override TomlValueKind Kind => TomlValueKind.Table;

    public int Count => _entries.Count;

    public IEnumerable<string> Keys
    {
        get
        {
            foreach (var entry in _entries)
            {
                yield return entry.Key;
            }
        }
    }

    public IEnumerable<TomlValue> Values
    {
        get
        {
            foreach (var entry in _entries)
            {
                yield return entry.Value;
            }
        }
    }

    public TomlValue this[string key] =>
        TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"No key '{key}' in this table.");

    public bool ContainsKey(string key) => IndexOf(key) >= 0;

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out TomlValue value)
    {
        int i = IndexOf(key);
        value = i >= 0 ? _entries[i].Value : null;
        return i >= 0;
    }

    public List<KeyValuePair<string, TomlValue>>.Enumerator GetEnumerator() => _entries.GetEnumerator();

    IEnumerator<KeyValuePair<string, TomlValue>> IEnumerable<KeyValuePair<string, TomlValue>>.GetEnumerator() =>
        _entries.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => _entries.GetEnumerator();

    /// <summary>Adds a key the caller has checked is absent.</summary>
    internal void Add(string key, TomlValue value)
    {
        _entries.Add(new(key, value));
        if (_index is not null)
        {
            _index.Add(key, _entries.Count - 1);
        }
        else if (_entries.Count > IndexThreshold)
        {
            _index = new Dictionary<string, int>(_entries.Count * 2, StringComparer.Ordinal);
            for (int i = 0; i < _entries.Count; i++)
            {
                _index.Add(_entries[i].Key, i);
            }
        }
    }

    /// <summary>Moves the definition point to the <c>[header]</c> that explicitly defines an implicit table.</summary>
    internal void DefineAt(int line, int column)
    {
        Line = line;
        Column = column;
    }

    private int IndexOf(string key)
    {
        if (_index is not null)
        {
            return _index.TryGetValue(key, out int i) ? i : -1;
        }

        for (int i = 0; i < _entries.Count; i++)
        {
            if (string.Equals(_entries[i].Key, key, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
