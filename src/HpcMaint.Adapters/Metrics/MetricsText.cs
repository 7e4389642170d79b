using System.Globalization;
using System.Text;

namespace HpcMaint.Adapters.Metrics;

/// <summary>
/// Prometheus text exposition format (version 0.0.4) for the node_exporter textfile collector: each
/// family's HELP and TYPE once, then its samples. Label values are escaped as the format requires.
/// The one writer of the format in hpcmaint.
/// </summary>
public sealed class MetricsText
{
    private readonly StringBuilder text = new();

    /// <summary>Starts a family; its samples follow (a summary's samples add _sum and _count to its name).</summary>
    public MetricsText Family(string name, MetricType type, string help)
    {
        text.Append("# HELP ").Append(name).Append(' ').Append(EscapeHelp(help)).Append('\n')
            .Append("# TYPE ").Append(name).Append(' ').Append(type.ToString().ToLowerInvariant()).Append('\n');
        return this;
    }

    public MetricsText Sample(string name, double value, params (string Name, string Value)[] labels) =>
        Sample(name, value, (IReadOnlyList<(string Name, string Value)>)labels);

    public MetricsText Sample(string name, double value, IReadOnlyList<(string Name, string Value)> labels)
    {
        text.Append(name).Append(Labels(labels)).Append(' ').Append(Number(value)).Append('\n');
        return this;
    }

    public override string ToString() => text.ToString();

    /// <summary>{a="1",b="2"} as the format writes it; empty without labels.</summary>
    public static string Labels(IReadOnlyList<(string Name, string Value)> labels) =>
        labels.Count == 0 ? string.Empty : "{" + string.Join(",", labels.Select(l => $"{l.Name}=\"{EscapeLabel(l.Value)}\"")) + "}";

    public static string Number(double value) =>
        double.IsPositiveInfinity(value) ? "+Inf"
        : double.IsNegativeInfinity(value) ? "-Inf"
        : double.IsNaN(value) ? "NaN"
        : value.ToString("0.######", CultureInfo.InvariantCulture);

    public static string EscapeLabel(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    public static string EscapeHelp(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
}
