namespace HpcMaint.Adapters.Metrics;

/// <summary>
/// One change to one sample of a metrics file that outlives the process making it (see
/// <see cref="CounterFile"/>): <see cref="Amount"/> is added to the sample, or replaces it when
/// <see cref="Replaces"/> (a gauge's last value).
/// </summary>
public sealed record MetricChange(string Family, MetricType Type, string Help, string Sample, IReadOnlyList<(string Name, string Value)> Labels, double Amount, bool Replaces = false)
{
    /// <summary>One more of a counter.</summary>
    public static MetricChange Count(string family, string help, params (string Name, string Value)[] labels) =>
        new(family, MetricType.Counter, help, family, labels, 1);

    /// <summary>One observation of a duration: a summary's _sum and _count (no quantiles).</summary>
    public static IEnumerable<MetricChange> Duration(string family, string help, TimeSpan duration, params (string Name, string Value)[] labels) =>
    [
        new(family, MetricType.Summary, help, family + "_sum", labels, duration.TotalSeconds),
        new(family, MetricType.Summary, help, family + "_count", labels, 1),
    ];

    /// <summary>A gauge moved up or down by <paramref name="delta"/> (what several processes count together).</summary>
    public static MetricChange GaugeBy(string family, string help, double delta, params (string Name, string Value)[] labels) =>
        new(family, MetricType.Gauge, help, family, labels, delta);

    /// <summary>A gauge set to <paramref name="value"/>.</summary>
    public static MetricChange GaugeTo(string family, string help, double value, params (string Name, string Value)[] labels) =>
        new(family, MetricType.Gauge, help, family, labels, value, Replaces: true);
}
