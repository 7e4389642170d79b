using System.Globalization;
using System.Text;

namespace HpcMaint.Adapters.Metrics;

/// <summary>
/// Prometheus text exposition format (version 0.0.4) for the node_exporter textfile collector: each
/// family's HELP and TYPE once, then its samples. Label values are escaped as the format requires.
/// </summary>
public sealed class MetricsText
{
    private readonly StringBuilder text = new();

    /// <summary>Starts a family; its samples follow (a sample's name may add _sum/_count/_total).</summary>
    public MetricsText Family(string name, MetricType type, string help)
    {
        text.Append("# HELP ").Append(name).Append(' ').Append(EscapeHelp(help)).Append('\n')
            .Append("# TYPE ").Append(name).Append(' ').Append(type.ToString().ToLowerInvariant()).Append('\n');
        return this;
    }

    public MetricsText Sample(string name, double value, params (string Name, string Value)[] labels)
    {
        text.Append(name);
        if (labels.Length > 0)
        {
            text.Append('{').AppendJoin(',', labels.Select(l => $"{l.Name}=\"{EscapeLabel(l.Value)}\"")).Append('}');
        }

        text.Append(' ').Append(Number(value)).Append('\n');
        return this;
    }

    public override string ToString() => text.ToString();

    public static string Number(double value) =>
        double.IsPositiveInfinity(value) ? "+Inf"
        : double.IsNegativeInfinity(value) ? "-Inf"
        : double.IsNaN(value) ? "NaN"
        : value.ToString("0.######", CultureInfo.InvariantCulture);

    public static string EscapeLabel(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    private static string EscapeHelp(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
}

/// <summary>The metric types hpcmaint writes.</summary>
public enum MetricType
{
    Gauge,
    Counter,
    Summary,
}
