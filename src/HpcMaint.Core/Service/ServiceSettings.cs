namespace HpcMaint.Core.Service;

/// <summary>[service] and [[maintenance.window]]: how `hpcmaint service` runs, and when it may start work.</summary>
public sealed record ServiceSettings
{
    /// <summary>Time between passes over the open plans.</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Whether the service may act (resume plans, through Slurm). False, the default: it only reports what
    /// it would do, in the journal and its metrics.
    /// </summary>
    public bool Act { get; init; }

    /// <summary>Prometheus textfile: plans open, nodes waiting, window open, acting, last pass; null: none.</summary>
    public string? MetricsFile { get; init; }

    /// <summary>When new work may start; none: at any time.</summary>
    public IReadOnlyList<MaintenanceWindow> Windows { get; init; } = [];

    public bool Equals(ServiceSettings? other) =>
        other is not null && Interval == other.Interval && Act == other.Act && MetricsFile == other.MetricsFile
        && Windows.SequenceEqual(other.Windows);

    public override int GetHashCode() => HashCode.Combine(Interval, Act, MetricsFile, Windows.Count);
}
