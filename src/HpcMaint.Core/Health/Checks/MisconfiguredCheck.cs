using HpcMaint.Core.Config;

namespace HpcMaint.Core.Health.Checks;

/// <summary>
/// What a check kind returns when a required key is missing: the problem is reported against the
/// config (file:line, so the config is rejected before anything runs); the check itself never runs.
/// </summary>
internal sealed class MisconfiguredCheck(string problem) : IHealthCheck
{
    public static IHealthCheck Report(ConfigSection section, string key, string problem)
    {
        // A key that is written but wrong has been reported already, with its own problem.
        if (!section.Has(key))
        {
            section.Fail(key, problem);
        }

        return new MisconfiguredCheck(problem);
    }

    public Task<CheckVerdict> RunAsync(IHostProbe probe, CancellationToken cancellationToken) =>
        Task.FromResult(CheckVerdict.Error("config", problem));
}
