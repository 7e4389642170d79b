namespace HpcMaint.Adapters.Metrics;

/// <summary>
/// The families of a metrics file that several processes keep up to date in turn (see
/// <see cref="CounterFile"/>), read back from what <see cref="Write"/> made. Anything else in the
/// text (a hand edit, a torn copy) is dropped.
/// </summary>
public sealed class MetricFamilies
{
    private readonly SortedDictionary<string, Family> families = new(StringComparer.Ordinal);

    public static MetricFamilies Read(string text)
    {
        var read = new MetricFamilies();
        string? current = null;
        (string Name, string Text)? help = null;
        foreach (var line in text.Split('\n'))
        {
            if (line.StartsWith("# HELP ", StringComparison.Ordinal) && line.IndexOf(' ', 7) is var space and > 7)
            {
                help = (line[7..space], UnescapeHelp(line[(space + 1)..]));
            }
            else if (line.StartsWith("# TYPE ", StringComparison.Ordinal) && line[7..].Split(' ') is [var name, var typeName]
                && Enum.TryParse<MetricType>(typeName, ignoreCase: true, out var type) && Enum.IsDefined(type))
            {
                current = name;
                read.families[name] = new Family(type, help is { } h && h.Name == name ? h.Text : name);
            }
            else if (current is not null && MetricSample.TryParse(line, out var sample) && BelongsTo(sample.Name, current, read.families[current].Type))
            {
                read.families[current].Samples[sample.Key] = sample;
            }
        }

        return read;
    }

    public void Apply(IEnumerable<MetricChange> changes)
    {
        foreach (var change in changes)
        {
            Apply(change);
        }
    }

    public void Apply(MetricChange change)
    {
        if (!families.TryGetValue(change.Family, out var family) || family.Type != change.Type)
        {
            family = new Family(change.Type, change.Help); // a family whose type changed starts afresh
            families[change.Family] = family;
        }

        family.Help = change.Help;
        var sample = new MetricSample(change.Sample, change.Labels, change.Amount);
        family.Samples[sample.Key] = change.Replaces || !family.Samples.TryGetValue(sample.Key, out var old)
            ? sample
            : sample with { Value = old.Value + change.Amount };
    }

    /// <summary>The samples of one family (a summary's _sum and _count lines included).</summary>
    public IEnumerable<MetricSample> Samples(string family) =>
        families.TryGetValue(family, out var f) ? f.Samples.Values : [];

    /// <summary>Drops every sample that matches, and families left with none.</summary>
    public void Remove(Func<MetricSample, bool> match)
    {
        foreach (var (name, family) in families.ToArray())
        {
            foreach (var (key, sample) in family.Samples.ToArray())
            {
                if (match(sample))
                {
                    family.Samples.Remove(key);
                }
            }

            if (family.Samples.Count == 0)
            {
                families.Remove(name);
            }
        }
    }

    public string Write()
    {
        var text = new MetricsText();
        foreach (var (name, family) in families)
        {
            text.Family(name, family.Type, family.Help);
            foreach (var sample in family.Samples.Values)
            {
                text.Sample(sample.Name, sample.Value, sample.Labels);
            }
        }

        return text.ToString();
    }

    private static bool BelongsTo(string sample, string family, MetricType type) =>
        sample == family || (type == MetricType.Summary && (sample == family + "_sum" || sample == family + "_count"));

    private static string UnescapeHelp(string text)
    {
        var plain = new System.Text.StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            plain.Append(text[i] == '\\' && i + 1 < text.Length ? text[++i] switch { 'n' => '\n', var c => c } : text[i]);
        }

        return plain.ToString();
    }

    private sealed class Family(MetricType type, string help)
    {
        public MetricType Type { get; } = type;

        public string Help { get; set; } = help;

        public SortedDictionary<string, MetricSample> Samples { get; } = new(StringComparer.Ordinal);
    }
}
