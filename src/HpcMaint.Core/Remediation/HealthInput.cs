using HpcMaint.Core.Health;

namespace HpcMaint.Core.Remediation;

/// <summary>Everything one health decision is made from. <see cref="Slurm"/> is null when slurmctld did not answer.</summary>
public sealed record HealthInput(
    string NodeName,
    IReadOnlyList<CheckResult> Results,
    StrikeBook Strikes,
    SlurmView? Slurm,
    DateTimeOffset Now,
    HealthSettings Settings);
