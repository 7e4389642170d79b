using HpcMaint.Core.Health;
using HpcMaint.Core.Remediation;

namespace HpcMaint.Adapters.Health;

/// <summary>What one health run saw, decided and did: for the log, --json, the metrics file and `verify`.</summary>
public sealed record HealthRunReport(
    string Node,
    DateTimeOffset StartedAt,
    TimeSpan Duration,
    IReadOnlyList<CheckResult> Results,
    HealthPlan Plan,
    IReadOnlyList<ActionOutcome> Outcomes,
    bool SlurmAsked,
    bool SlurmAnswered,
    NodeRecord? RecordAfter,
    bool DryRun)
{
    /// <summary>The node as slurmctld showed it before this run acted; null when it was not asked or did not answer.</summary>
    public SlurmView? Before { get; init; }

    /// <summary>Why the audit journal could not be written, when that stopped this run's actions.</summary>
    public string? JournalProblem { get; init; }

    /// <summary>What slurmd's log says when the journal stopped the run's actions: which file, the OS error, what to do.</summary>
    public string? JournalProblemText => JournalProblem is { } p
        ? $"the audit journal cannot be written ({p}): hpcmaint does nothing it cannot journal, so nothing was done on {Node} (strikes are kept); make [audit] journal writable (a read-only or full filesystem?) and the next run acts"
        : null;

    /// <summary>True when every check that may drain a node passed.</summary>
    public bool Healthy => Results.All(r => r.Passed || !r.Definition.Priority.Blocks);
}

/// <summary>One planned action and what became of it (null error: done, or shown only in a dry run).</summary>
public sealed record ActionOutcome(HealthAction Action, bool Carried, string? Error)
{
    /// <summary>Not tried: an earlier action failed.</summary>
    public bool Skipped { get; init; }

    /// <summary>It was tried (done or failed), not only shown in a dry run or skipped.</summary>
    public bool Attempted => !Skipped && (Carried || Error is not null);

    /// <summary>It failed by running past its timeout (a remedy).</summary>
    public bool TimedOut { get; init; }
}
