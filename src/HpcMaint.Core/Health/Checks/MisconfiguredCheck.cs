namespace HpcMaint.Core.Health.Checks;

/// <summary>
/// Stands in for a check whose required key is missing: ConfigSection can report a wrong value but not an
/// absent one, so the gap shows up as an Error verdict naming the key to write.
/// </summary>
internal sealed class MisconfiguredCheck(string condition, string problem) : IHealthCheck
{
    public Task<CheckVerdict> RunAsync(IHostProbe probe, CancellationToken cancellationToken) =>
        Task.FromResult(CheckVerdict.Error(condition, problem));
}
