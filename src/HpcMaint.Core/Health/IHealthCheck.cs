namespace HpcMaint.Core.Health;

/// <summary>
/// One configured check. It reads the node only through <see cref="IHostProbe"/>, so tests replay real
/// /proc, /sys and tool output. Expected problems are verdicts, never exceptions.
/// </summary>
public interface IHealthCheck
{
    Task<CheckVerdict> RunAsync(IHostProbe probe, CancellationToken cancellationToken);
}
