using System.Globalization;
using HpcMaint.Core.Trust;
using HpcMaint.Toml;

namespace HpcMaint.Core.Config;

/// <summary>One [section] of the config: typed getters with defaults; call <see cref="Done"/> last.</summary>
public sealed class ConfigSection
{
    private readonly ConfigReader reader;
    private readonly TomlTable? table;
    private readonly HashSet<string> known = new(StringComparer.Ordinal);

    internal ConfigSection(ConfigReader reader, string name, TomlTable? table)
    {
        this.reader = reader;
        Name = name;
        this.table = table;
    }

    public string Name { get; }

    public string String(string key, string fallback, Func<string, string?>? validate = null) =>
        Record(key, Optional(key, validate) ?? fallback, EffectiveValue.Of);

    public string? Optional(string key, Func<string, string?>? validate = null) =>
        Record(key, ReadOptional(key, validate), EffectiveValue.Of);

    /// <summary>Shows <paramref name="value"/> as this key's value in force (for keys whose value is worked out from others).</summary>
    public void Record(string key, EffectiveValue value) => reader.Effective.Set(Name, key, value);

    private T Record<T>(string key, T value, Func<T, EffectiveValue> show)
    {
        Record(key, show(value));
        return value;
    }

    private string? ReadOptional(string key, Func<string, string?>? validate)
    {
        if (Get(key) is not { } value)
        {
            return null;
        }

        if (value is not TomlString s)
        {
            return reader.Fail<string?>(value, Path(key), $"expected a string, got {ValueKindName.WithArticle(value.Kind)}", null);
        }

        if (validate?.Invoke(s.Value) is { } problem)
        {
            return reader.Fail<string?>(value, Path(key), problem, null);
        }

        return s.Value;
    }

    public int Int(string key, int fallback, int min, int max) =>
        Record(key, ReadInt(key, fallback, min, max), n => new IntegerValue(n));

    private int ReadInt(string key, int fallback, int min, int max)
    {
        var value = Get(key);
        if (value is null)
        {
            return fallback;
        }

        if (value is not TomlInteger i)
        {
            return reader.Fail(value, Path(key), $"expected a whole number between {min} and {max}, got {ValueKindName.WithArticle(value.Kind)}", fallback);
        }

        return i.Value < min || i.Value > max
            ? reader.Fail(value, Path(key), $"{i.Value} is out of range; write a number between {min} and {max}", fallback)
            : (int)i.Value;
    }

    /// <summary>A duration: "500ms", "20s", "5m", "1h", or a number of seconds.</summary>
    public TimeSpan Duration(string key, TimeSpan fallback, TimeSpan min, TimeSpan max) =>
        Record(key, ReadDuration(key, fallback, min, max), d => new TextValue(DurationText.Format(d)));

    private TimeSpan ReadDuration(string key, TimeSpan fallback, TimeSpan min, TimeSpan max)
    {
        var value = Get(key);
        if (value is null)
        {
            return fallback;
        }

        TimeSpan? parsed = value switch
        {
            TomlInteger i => TimeSpan.FromSeconds(i.Value),
            TomlString s => DurationText.TryParse(s.Value, out var d) ? d : null,
            _ => null,
        };
        if (parsed is not { } duration)
        {
            return reader.Fail(value, Path(key), $"expected a duration such as \"{DurationText.Format(fallback)}\" (units ms, s, m, h), got {Show(value)}", fallback);
        }

        return duration < min || duration > max
            ? reader.Fail(value, Path(key), $"{DurationText.Format(duration)} is out of range; write a duration between {DurationText.Format(min)} and {DurationText.Format(max)}", fallback)
            : duration;
    }

    /// <summary>A list of strings, e.g. an argv: ["/usr/sbin/reboot"].</summary>
    public IReadOnlyList<string> StringList(string key, IReadOnlyList<string> fallback, Func<IReadOnlyList<string>, string?>? validate = null) =>
        Record(key, ReadStringList(key, fallback, validate), EffectiveValue.Of);

    private IReadOnlyList<string> ReadStringList(string key, IReadOnlyList<string> fallback, Func<IReadOnlyList<string>, string?>? validate)
    {
        var value = Get(key);
        if (value is null)
        {
            return fallback;
        }

        if (value is not TomlArray array || array.Any(e => e is not TomlString))
        {
            return reader.Fail(value, Path(key), "expected a list of strings, e.g. [\"/usr/sbin/reboot\"]", fallback);
        }

        var list = array.Select(e => ((TomlString)e).Value).ToArray();
        return validate?.Invoke(list) is { } problem ? reader.Fail(value, Path(key), problem, fallback) : list;
    }

    /// <summary>An argv hpcmaint runs (like <see cref="StringList"/>); its program is judged for trust when the config loads.</summary>
    public IReadOnlyList<string> Argv(string key, IReadOnlyList<string> fallback, Func<IReadOnlyList<string>, string?> validate)
    {
        var errorsBefore = reader.Errors.Count;
        var argv = StringList(key, fallback, validate);
        if (reader.Errors.Count == errorsBefore && argv.Count > 0)
        {
            Names(key, argv[0], PathUse.Program);
        }

        return argv;
    }

    /// <summary>An argv that may be left out (null then: the feature it configures is off).</summary>
    public IReadOnlyList<string>? OptionalArgv(string key, Func<IReadOnlyList<string>, string?> validate) =>
        Has(key) ? Argv(key, [], validate) : Record(key, (IReadOnlyList<string>?)null, EffectiveValue.Of);

    /// <summary>An absolute path hpcmaint uses as <paramref name="use"/> says, judged for trust when the config loads.</summary>
    public string PathFor(string key, string fallback, PathUse use, Func<string, string?>? validate = null)
    {
        var errorsBefore = reader.Errors.Count;
        var path = String(key, fallback, validate ?? ConfigRules.AbsolutePath);
        if (reader.Errors.Count == errorsBefore)
        {
            Names(key, path, use);
        }

        return path;
    }

    /// <summary>An absolute directory; each of <paramref name="names"/> in it is judged for trust as <paramref name="use"/>.</summary>
    public string DirectoryOf(string key, string fallback, IEnumerable<string> names, PathUse use)
    {
        var errorsBefore = reader.Errors.Count;
        var directory = String(key, fallback, ConfigRules.AbsolutePath);
        if (reader.Errors.Count == errorsBefore)
        {
            foreach (var name in names)
            {
                Names(key, System.IO.Path.Combine(directory, name), use);
            }
        }

        return directory;
    }

    /// <summary>Like <see cref="PathFor"/> for a key that may be left out.</summary>
    public string? OptionalPathFor(string key, PathUse use, Func<string, string?>? validate = null)
    {
        var errorsBefore = reader.Errors.Count;
        var path = Optional(key, validate ?? ConfigRules.AbsolutePath);
        if (path is not null && reader.Errors.Count == errorsBefore)
        {
            Names(key, path, use);
        }

        return path;
    }

    /// <summary>Lists <paramref name="path"/> (worked out from this key's value) for the trust check, at the key's line.</summary>
    public void Names(string key, string path, PathUse use) =>
        reader.Names(new TrustedPath(Path(key), table is not null && table.TryGetValue(key, out var value) ? value.Line : 0, path, use));

    /// <summary>Shows the whole section as not written (a section whose presence switches a feature on).</summary>
    public void RecordAbsent(string why) => reader.Effective.Set(Name, string.Empty, new TextValue(why));

    public bool Bool(string key, bool fallback)
    {
        var value = Get(key);
        return Record(key, value switch
        {
            null => fallback,
            TomlBoolean b => b.Value,
            _ => reader.Fail(value, Path(key), $"expected true or false, got {Show(value)}", fallback),
        }, b => new BooleanValue(b));
    }

    public int? OptionalInt(string key, int min, int max) =>
        Get(key) is null ? Record(key, (int?)null, _ => EffectiveValue.NotSet) : Int(key, min, min, max);

    /// <summary>A number (whole or decimal), e.g. a temperature limit or a tolerance.</summary>
    public double? OptionalNumber(string key, double min, double max) =>
        Record(key, ReadOptionalNumber(key, min, max), n => n is { } v ? new NumberValue(v) : EffectiveValue.NotSet);

    private double? ReadOptionalNumber(string key, double min, double max)
    {
        var value = Get(key);
        double? parsed = value switch
        {
            null => null,
            TomlInteger i => i.Value,
            TomlFloat f when double.IsFinite(f.Value) => f.Value,
            _ => reader.Fail<double?>(value, Path(key), $"expected a number between {Num(min)} and {Num(max)}, got {Show(value)}", null),
        };
        return parsed is { } n && (n < min || n > max)
            ? reader.Fail<double?>(value!, Path(key), $"{Num(n)} is out of range; write a number between {Num(min)} and {Num(max)}", null)
            : parsed;
    }

    /// <summary>A size in bytes: "512MiB", "24GiB", "1.5TB", or a whole number of bytes.</summary>
    public long? OptionalByteSize(string key) =>
        Record(key, ReadOptionalByteSize(key), ShowByteSize);

    // The short form only where it reads back as the same number of bytes.
    private static EffectiveValue ShowByteSize(long? bytes) =>
        bytes is not { } n ? EffectiveValue.NotSet
        : ByteSizeText.TryParse(ByteSizeText.Format(n), out var back) && back == n ? new TextValue(ByteSizeText.Format(n))
        : new IntegerValue(n);

    private long? ReadOptionalByteSize(string key)
    {
        var value = Get(key);
        long? parsed = value switch
        {
            null => null,
            TomlInteger i when i.Value >= 0 => i.Value,
            TomlString s when ByteSizeText.TryParse(s.Value, out var bytes) => bytes,
            _ => reader.Fail<long?>(value, Path(key), $"expected a size such as \"512MiB\" or \"24GiB\" (units B, KiB, MiB, GiB, TiB, kB, MB, GB, TB), got {Show(value)}", null),
        };
        return parsed;
    }

    /// <summary>Where the section starts in the file (0 when it is not written).</summary>
    public int Line => table?.Line ?? 0;

    /// <summary>True when the key is written as a string (for keys that take a string or a number).</summary>
    public bool IsString(string key) => table is not null && table.TryGetValue(key, out var value) && value is TomlString;

    /// <summary>True when the file has this key.</summary>
    public bool Has(string key) => table is not null && table.ContainsKey(key);

    /// <summary>A nested table, e.g. [health.breaker]; empty when not written.</summary>
    public ConfigSection Table(string key)
    {
        var value = Get(key);
        return value switch
        {
            null => new ConfigSection(reader, Path(key), null),
            TomlTable t => new ConfigSection(reader, Path(key), t),
            _ => reader.Fail(value, Path(key), $"expected a table [{Path(key)}], got {Show(value)}", new ConfigSection(reader, Path(key), null)),
        };
    }

    /// <summary>An array of tables, e.g. [[health.check]]; each named "health.check[N]" in messages.</summary>
    public IReadOnlyList<ConfigSection> Tables(string key)
    {
        var value = Get(key);
        if (value is null)
        {
            return [];
        }

        if (value is not TomlArray array || array.Any(e => e is not TomlTable))
        {
            return reader.Fail<IReadOnlyList<ConfigSection>>(value, Path(key), $"expected tables written [[{Path(key)}]], got {Show(value)}", []);
        }

        return array.Select((e, i) => new ConfigSection(reader, $"{Path(key)}[{i + 1}]", (TomlTable)e)).ToArray();
    }

    /// <summary>Reports a problem with a key this section read, at that key's line.</summary>
    public void Fail(string key, string problem)
    {
        if (table is not null && table.TryGetValue(key, out var value))
        {
            reader.Add(value, Path(key), problem);
        }
        else
        {
            reader.AddAt(Line, Path(key), problem);
        }
    }

    /// <summary>Reports keys in this section that nothing read (typos, keys from another version).</summary>
    public void Done()
    {
        if (table is not null)
        {
            reader.RejectUnknown(table, known, Name + ".");
        }
    }

    private TomlValue? Get(string key)
    {
        known.Add(key);
        return table is not null && table.TryGetValue(key, out var value) ? value : null;
    }

    private string Path(string key) => $"{Name}.{key}";

    private static string Num(double n) => n.ToString(CultureInfo.InvariantCulture);

    private static string Show(TomlValue value) => value is TomlString s
        ? "\"" + s.Value + "\""
        : ValueKindName.WithArticle(value.Kind);
}
