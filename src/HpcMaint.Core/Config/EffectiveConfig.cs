namespace HpcMaint.Core.Config;

/// <summary>
/// Every key the config reader looked at, with the value in force (written or default), in reading
/// order. Recorded by the reader itself, so `hpcmaint config check` shows each key the code knows —
/// a key added to a reader appears in the text and the JSON without touching the printers.
/// </summary>
public sealed class EffectiveConfig
{
    private readonly List<EffectiveEntry> entries = [];
    private readonly Dictionary<(string Section, string Key), int> index = [];

    public IReadOnlyList<EffectiveEntry> Entries => entries;

    /// <summary>Records a key's value; a later record of the same key replaces it in place.</summary>
    public void Set(string section, string key, EffectiveValue value)
    {
        if (index.TryGetValue((section, key), out var at))
        {
            entries[at] = entries[at] with { Value = value };
            return;
        }

        index[(section, key)] = entries.Count;
        entries.Add(new EffectiveEntry(section, key, value));
    }

    /// <summary>The sections in the order they were first read, each with its keys in order.</summary>
    public IEnumerable<IGrouping<string, EffectiveEntry>> Sections() => entries.GroupBy(e => e.Section, StringComparer.Ordinal);
}

/// <summary>One key in force: <c>[Section] Key = Value</c>; a section such as "health.check[2]" is one table of an array.</summary>
public sealed record EffectiveEntry(string Section, string Key, EffectiveValue Value);

/// <summary>A value as the config file writes it.</summary>
public abstract record EffectiveValue
{
    public static EffectiveValue NotSet { get; } = new NotSetValue();

    public static EffectiveValue Of(string? text) => text is null ? NotSet : new TextValue(text);

    public static EffectiveValue Of(IReadOnlyList<string>? list) => list is null ? NotSet : new ListValue(list);
}

public sealed record TextValue(string Text) : EffectiveValue;

public sealed record IntegerValue(long Value) : EffectiveValue;

public sealed record NumberValue(double Value) : EffectiveValue;

public sealed record BooleanValue(bool Value) : EffectiveValue;

public sealed record ListValue(IReadOnlyList<string> Items) : EffectiveValue
{
    public bool Equals(ListValue? other) => other is not null && Items.SequenceEqual(other.Items);

    public override int GetHashCode() => Items.Count;
}

/// <summary>An optional key with no value: the feature it names is off.</summary>
public sealed record NotSetValue : EffectiveValue;
