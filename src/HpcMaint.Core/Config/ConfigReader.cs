using System.Globalization;
using HpcMaint.Core.Trust;
using HpcMaint.Toml;

namespace HpcMaint.Core.Config;

/// <summary>
/// Reads typed values out of a TOML table, collecting every problem instead of stopping at the first,
/// and remembers which keys were read so that unknown keys (typos) are reported too.
/// </summary>
public sealed class ConfigReader
{
    private readonly List<ConfigError> errors = [];
    private readonly List<TrustedPath> paths = [];
    private readonly string file;

    public ConfigReader(string file) => this.file = file;

    public IReadOnlyList<ConfigError> Errors => errors;

    /// <summary>Every program, credential and state path the config names, for the trust check at load.</summary>
    public IReadOnlyList<TrustedPath> Paths => paths;

    /// <summary>Every key read so far with its value in force.</summary>
    public EffectiveConfig Effective { get; } = new();

    public ConfigSection Section(TomlTable root, string name) =>
        root.TryGetValue(name, out var value)
            ? value is TomlTable table
                ? new ConfigSection(this, name, table)
                : Fail(value, name, $"expected a table [{name}], got {ValueKindName.WithArticle(value.Kind)}", new ConfigSection(this, name, null))
            : new ConfigSection(this, name, null);

    /// <summary>Reports keys at the top level that no section claimed.</summary>
    public void RejectUnknown(TomlTable root, IReadOnlyCollection<string> known) =>
        RejectUnknown(root, known, string.Empty);

    internal void RejectUnknown(TomlTable table, IReadOnlyCollection<string> known, string prefix)
    {
        foreach (var (key, value) in table)
        {
            if (!known.Contains(key))
            {
                var hint = Suggest(key, known);
                Add(value, prefix + key, $"unknown key{(prefix.Length == 0 ? " or section" : string.Empty)}; "
                    + (hint is null ? "known: " + string.Join(", ", known) : $"did you mean '{hint}'?"));
            }
        }
    }

    internal T Fail<T>(TomlValue at, string key, string problem, T fallback)
    {
        Add(at, key, problem);
        return fallback;
    }

    internal void Add(TomlValue at, string key, string problem) => errors.Add(new ConfigError(file, at.Line, key, problem));

    internal void AddAt(int line, string key, string problem) => errors.Add(new ConfigError(file, line, key, problem));

    internal void Names(TrustedPath path) => paths.Add(path);


    private static string? Suggest(string key, IReadOnlyCollection<string> known)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in known)
        {
            var d = EditDistance(key, candidate);
            if (d < bestDistance)
            {
                (best, bestDistance) = (candidate, d);
            }
        }

        return bestDistance <= Math.Max(2, key.Length / 3) ? best : null;
    }

    private static int EditDistance(string a, string b)
    {
        var prev = new int[b.Length + 1];
        var cur = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            prev[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            cur[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = char.ToLowerInvariant(a[i - 1]) == char.ToLowerInvariant(b[j - 1]) ? 0 : 1;
                cur[j] = Math.Min(Math.Min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }

            (prev, cur) = (cur, prev);
        }

        return prev[b.Length];
    }
}
