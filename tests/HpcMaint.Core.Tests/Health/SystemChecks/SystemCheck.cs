using HpcMaint.Core.Health;
using HpcMaint.Core.Health.Checks;

namespace HpcMaint.Core.Tests.Health.SystemChecks;

/// <summary>Builds a system check from TOML the way a config line would, and runs it on a fake node.</summary>
internal static class SystemCheck
{
    public static IHealthCheck Create(string kind, string toml)
    {
        var config = new TestConfigSection(toml);
        var check = Kind(kind).Create(config.Section);
        Assert.Empty(config.Errors);
        return check;
    }

    /// <summary>The config errors ("line: key: problem") that reading the check's keys produced.</summary>
    public static IReadOnlyList<string> Errors(string kind, string toml)
    {
        var config = new TestConfigSection(toml);
        _ = Kind(kind).Create(config.Section);
        return config.Errors;
    }

    public static Task<CheckVerdict> Run(string kind, string toml, IHostProbe probe) =>
        Create(kind, toml).RunAsync(probe, CancellationToken.None);

    /// <summary>The drain reason hpcmaint writes for a finding.</summary>
    public static string Reason(this Finding finding) => $"hpcmaint: {finding.Condition}: {finding.Actual} vs {finding.Expected}";

    /// <summary>The verdict's reasons, each short enough for Slurm.</summary>
    public static IReadOnlyList<string> Reasons(this CheckVerdict verdict)
    {
        var reasons = verdict.Findings.Select(Reason).ToArray();
        Assert.All(reasons, r => Assert.True(r.Length <= 120, $"too long for a drain reason: {r}"));
        return reasons;
    }

    private static CheckKind Kind(string id) => SystemCheckKinds.All.Single(k => k.Id == id);
}
