using HpcMaint.Core.Health;

namespace HpcMaint.Core.Remediation;

/// <summary>
/// Everything one health decision is made from. <see cref="Slurm"/> is null when slurmctld gave no view of
/// the node: it did not answer, or (<see cref="SlurmRefusal"/>) it answered without the node, as for a node
/// it does not know yet (the health check slurmd runs before it registers).
/// </summary>
public sealed record HealthInput(
    string NodeName,
    IReadOnlyList<CheckResult> Results,
    StrikeBook Strikes,
    SlurmView? Slurm,
    DateTimeOffset Now,
    HealthSettings Settings)
{
    /// <summary>What slurmctld said instead of the node, when it answered; null when it did not answer.</summary>
    public string? SlurmRefusal { get; init; }
}
