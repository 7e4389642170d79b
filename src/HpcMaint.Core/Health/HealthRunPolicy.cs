namespace HpcMaint.Core.Health;

/// <summary>
/// How one health run spends its time limit, and whether it asks slurmctld at all: most runs on a
/// healthy node need not (slurmd runs one every HealthCheckInterval on every node).
/// </summary>
public static class HealthRunPolicy
{
    /// <summary>The checks' share of [health] time limit: room is kept for the Slurm commands after them (a node read and a few writes), never less than half.</summary>
    public static TimeSpan ChecksTimeLimit(HealthSettings settings) =>
        TimeSpan.FromTicks(Math.Max((settings.Budget - (2 * settings.SlurmTimeout)).Ticks, (settings.Budget / 2).Ticks));

    /// <summary>
    /// slurmctld is asked when a check that counts failed, when the node's last reading left something open
    /// (a drain, a ticket, a hold), or when it was last asked [health] slurm_refresh ago or longer.
    /// </summary>
    public static bool MustAskSlurm(IReadOnlyList<CheckResult> results, bool nothingOpen, DateTimeOffset? slurmCheckedAt, DateTimeOffset now, HealthSettings settings) =>
        results.Any(r => !r.Passed && r.Definition.Priority.Class != PriorityClass.MustIgnore)
        || !nothingOpen
        || slurmCheckedAt is not { } lastAsked
        || now - lastAsked >= settings.SlurmRefresh;

    /// <summary>
    /// <c>hpcmaint verify</c> (a rebuild's default gate, or an admin's look): a failing check counts at once
    /// (one strike), and slurmctld is always asked, so the verdict is this run's and never a remembered one.
    /// </summary>
    public static HealthSettings Gate(HealthSettings settings) => settings with
    {
        Checks = settings.Checks.Select(c => c with { Strikes = 1 }).ToArray(),
        SlurmRefresh = TimeSpan.Zero,
    };
}
