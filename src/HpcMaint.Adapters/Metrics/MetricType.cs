namespace HpcMaint.Adapters.Metrics;

/// <summary>The metric types hpcmaint writes.</summary>
public enum MetricType
{
    Gauge,
    Counter,
    Summary,
}
