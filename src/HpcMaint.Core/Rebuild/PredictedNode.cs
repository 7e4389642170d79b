namespace HpcMaint.Core.Rebuild;

/// <summary>
/// One node in a what-if run: admitted in <see cref="Wave"/> (1 = the first pass) at <see cref="Admitted"/>,
/// its own work over at <see cref="Free"/>, the reboot asked at <see cref="Start"/> (the pass after), back
/// in service at <see cref="Back"/> (<see cref="Start"/> + <see cref="Estimate"/>).
/// </summary>
public sealed record PredictedNode(string Name, int Wave, DateTimeOffset Admitted, DateTimeOffset Free, DateTimeOffset Start, DateTimeOffset Back, RebootEstimate Estimate)
{
    /// <summary>Out of service, doing no user work: from its work's end to back in service.</summary>
    public TimeSpan Lost => Back - Free;
}
