namespace HpcMaint.Core.Service;

/// <summary>
/// Whether a maintenance window is open at a moment: when open, until when (<see cref="ClosesAt"/>);
/// when closed, when the next one opens (<see cref="NextOpening"/>; null when no window is configured
/// to open ever, which cannot happen with a valid config).
/// </summary>
public sealed record WindowState(bool Open, DateTimeOffset? ClosesAt, DateTimeOffset? NextOpening, string Why)
{
    /// <summary>No window configured: the service may start work at any time.</summary>
    public static WindowState Always { get; } = new(true, null, null, "no [[maintenance.window]] configured: always open");
}
