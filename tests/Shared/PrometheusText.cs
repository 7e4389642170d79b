using System.Globalization;
using System.Text.RegularExpressions;

namespace HpcMaint.Tests.Shared;

/// <summary>
/// A strict reader of Prometheus' text exposition format 0.0.4, written from the format's description
/// (not from hpcmaint's writer), so specs can check that a metrics file is valid and read its values:
/// HELP/TYPE at most once per family and before its samples, valid metric and label names, escaped
/// label values, numbers Go's ParseFloat accepts, no sample repeated, _sum/_count only for summaries.
/// </summary>
public static partial class PrometheusText
{
    public static IReadOnlyList<Sample> Parse(string text)
    {
        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        var helps = new HashSet<string>(StringComparer.Ordinal);
        var sampled = new HashSet<string>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var samples = new List<Sample>();
        var lineNumber = 0;
        foreach (var line in text.Split('\n'))
        {
            lineNumber++;
            if (line.Length == 0)
            {
                continue;
            }

            if (line.StartsWith('#'))
            {
                var m = Comment().Match(line);
                if (!m.Success)
                {
                    continue; // a plain comment
                }

                var name = m.Groups["name"].Value;
                if (sampled.Contains(name))
                {
                    throw Bad(lineNumber, $"{m.Groups["kind"].Value} for {name} after its samples");
                }

                if (m.Groups["kind"].Value == "TYPE")
                {
                    if (!Types.Contains(m.Groups["rest"].Value) || !types.TryAdd(name, m.Groups["rest"].Value))
                    {
                        throw Bad(lineNumber, $"bad or repeated TYPE for {name}: {line}");
                    }
                }
                else if (!helps.Add(name))
                {
                    throw Bad(lineNumber, $"repeated HELP for {name}");
                }

                continue;
            }

            var s = SampleLine().Match(line);
            if (!s.Success)
            {
                throw Bad(lineNumber, $"not a sample: {line}");
            }

            var metric = s.Groups["name"].Value;
            var labels = ParseLabels(s.Groups["labels"].Value, lineNumber);
            var family = FamilyOf(metric, types);
            if (family != metric && types.GetValueOrDefault(family) is not ("summary" or "histogram"))
            {
                throw Bad(lineNumber, $"{metric} looks like part of a summary but {family} is not one");
            }

            sampled.Add(family);
            var key = metric + "{" + string.Join(",", labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}")) + "}";
            if (!seen.Add(key))
            {
                throw Bad(lineNumber, $"sample repeated: {key}");
            }

            samples.Add(new Sample(metric, labels, ParseValue(s.Groups["value"].Value, lineNumber)));
        }

        return samples;
    }

    /// <summary>The value of the one sample with this name and these labels (others may exist).</summary>
    public static double Value(this IReadOnlyList<Sample> samples, string name, params (string Name, string Value)[] labels) =>
        samples.Single(s => s.Name == name && labels.All(l => s.Labels.GetValueOrDefault(l.Name) == l.Value)).Value;

    /// <summary>
    /// A sample of the metrics file at <paramref name="path"/>, which must parse strictly; -1 when the file
    /// or the sample is not there (yet). Labels not named may have any value; more than one match is an error.
    /// </summary>
    public static double FileValue(string path, string name, params (string Name, string Value)[] labels)
    {
        if (!File.Exists(path))
        {
            return -1;
        }

        var matches = Parse(File.ReadAllText(path)).Where(s => s.Name == name && labels.All(l => s.Labels.GetValueOrDefault(l.Name) == l.Value)).ToArray();
        return matches.Length switch
        {
            0 => -1,
            1 => matches[0].Value,
            _ => throw new InvalidOperationException($"{path}: {matches.Length} samples of {name} match"),
        };
    }

    private static readonly HashSet<string> Types = ["counter", "gauge", "summary", "histogram", "untyped"];

    private static string FamilyOf(string metric, Dictionary<string, string> types)
    {
        foreach (var suffix in new[] { "_sum", "_count", "_bucket" })
        {
            if (metric.EndsWith(suffix, StringComparison.Ordinal) && types.ContainsKey(metric[..^suffix.Length]))
            {
                return metric[..^suffix.Length];
            }
        }

        return metric;
    }

    private static Dictionary<string, string> ParseLabels(string text, int line)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        var i = 0;
        while (i < text.Length)
        {
            var name = LabelName().Match(text, i);
            if (!name.Success || name.Index != i || i + name.Length >= text.Length || text[i + name.Length] != '=' || text[i + name.Length + 1] != '"')
            {
                throw Bad(line, $"bad label at \"{text[i..]}\"");
            }

            i += name.Length + 2;
            var value = new System.Text.StringBuilder();
            while (true)
            {
                if (i >= text.Length)
                {
                    throw Bad(line, "unterminated label value");
                }

                var c = text[i++];
                if (c == '"')
                {
                    break;
                }

                if (c == '\\')
                {
                    value.Append(i < text.Length ? text[i++] switch
                    {
                        'n' => '\n',
                        '\\' => '\\',
                        '"' => '"',
                        var e => throw Bad(line, $"bad escape \\{e}"),
                    } : throw Bad(line, "escape at end"));
                }
                else if (c == '\n')
                {
                    throw Bad(line, "raw newline in a label value");
                }
                else
                {
                    value.Append(c);
                }
            }

            if (!labels.TryAdd(name.Value, value.ToString()))
            {
                throw Bad(line, $"label {name.Value} repeated");
            }

            if (i < text.Length && text[i++] != ',')
            {
                throw Bad(line, "labels must be separated by commas");
            }
        }

        return labels;
    }

    private static double ParseValue(string text, int line) => text switch
    {
        "+Inf" or "Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        "NaN" => double.NaN,
        _ when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) => v,
        _ => throw Bad(line, $"bad value {text}"),
    };

    private static FormatException Bad(int line, string what) => new($"exposition format, line {line}: {what}");

    [GeneratedRegex(@"^# (?<kind>HELP|TYPE) (?<name>[a-zA-Z_:][a-zA-Z0-9_:]*) (?<rest>.*)$")]
    private static partial Regex Comment();

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>.*)\})? (?<value>\S+)( -?\d+)?$")]
    private static partial Regex SampleLine();

    [GeneratedRegex(@"[a-zA-Z_][a-zA-Z0-9_]*")]
    private static partial Regex LabelName();
}

/// <summary>One sample line: metric name, labels, value.</summary>
public sealed record Sample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);
