using System.Globalization;
using System.Text;

namespace HpcMaint.Adapters.Metrics;

/// <summary>One sample line: metric name, labels in the order written, value.</summary>
public sealed record MetricSample(string Name, IReadOnlyList<(string Name, string Value)> Labels, double Value)
{
    /// <summary>Name and labels as written: what makes a sample the same sample.</summary>
    public string Key => Name + MetricsText.Labels(Labels);

    public string? Label(string name)
    {
        foreach (var (n, v) in Labels)
        {
            if (n == name)
            {
                return v;
            }
        }

        return null;
    }

    /// <summary>Reads a sample line as <see cref="MetricsText"/> writes it (escaped label values, no timestamp).</summary>
    public static bool TryParse(string line, out MetricSample sample)
    {
        sample = null!;
        var i = 0;
        while (i < line.Length && (char.IsAsciiLetterOrDigit(line[i]) || line[i] is '_' or ':'))
        {
            i++;
        }

        if (i == 0 || char.IsAsciiDigit(line[0]))
        {
            return false;
        }

        var name = line[..i];
        var labels = new List<(string, string)>();
        if (i < line.Length && line[i] == '{' && !TryLabels(line, ref i, labels))
        {
            return false;
        }

        if (i >= line.Length || line[i] != ' '
            || !double.TryParse(line[(i + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            return false;
        }

        sample = new MetricSample(name, labels, value);
        return true;
    }

    private static bool TryLabels(string line, ref int i, List<(string, string)> labels)
    {
        i++; // {
        while (i < line.Length && line[i] != '}')
        {
            var equals = line.IndexOf("=\"", i, StringComparison.Ordinal);
            if (equals <= i)
            {
                return false;
            }

            var labelName = line[i..equals];
            var value = new StringBuilder();
            i = equals + 2;
            while (i < line.Length && line[i] != '"')
            {
                if (line[i] == '\\' && i + 1 < line.Length)
                {
                    i++;
                    value.Append(line[i] == 'n' ? '\n' : line[i]);
                }
                else
                {
                    value.Append(line[i]);
                }

                i++;
            }

            if (i >= line.Length)
            {
                return false;
            }

            labels.Add((labelName, value.ToString()));
            i++; // closing quote
            if (i < line.Length && line[i] == ',')
            {
                i++;
            }
        }

        if (i >= line.Length)
        {
            return false;
        }

        i++; // }
        return true;
    }
}
