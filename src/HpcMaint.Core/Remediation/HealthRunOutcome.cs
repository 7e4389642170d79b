using HpcMaint.Core.Health;

namespace HpcMaint.Core.Remediation;

/// <summary>
/// What a health run decides around <see cref="HealthDecider"/>: the plan when slurmctld is not asked, when
/// it does not list the partition's nodes, or when the journal cannot be written; the node record the run
/// leaves; and whether, after it, hpcmaint has nothing open on the node (so the next passing run need
/// not ask slurmctld). Each fails closed: without the facts, nothing is done and the next run asks again.
/// </summary>
public static class HealthRunOutcome
{
    public const string PeersNotListed = "slurmctld did not list the partition's nodes: nothing done, the next run tries again";

    /// <summary>slurmctld was not asked (<see cref="HealthRunPolicy.MustAskSlurm"/>): strikes move, nothing else.</summary>
    public static HealthPlan WithoutSlurm(StrikeBook strikes, IReadOnlyList<CheckResult> results) =>
        new(strikes.After(results), [], []);

    /// <summary>The decision needed the partition's nodes and slurmctld did not list them: no drain on half the facts.</summary>
    public static HealthPlan WithoutPeers(HealthPlan plan) => new(plan.Strikes, [], [PeersNotListed]);

    /// <summary>
    /// Nothing is done unjournalled: a journal that cannot be written withholds every action and note
    /// before the first one (so nothing is half-done), while the strikes are kept for the run that can act.
    /// </summary>
    public static HealthPlan Unjournalled(HealthPlan plan) => plan with { Actions = [], Notes = [] };

    /// <summary>
    /// The node record after the run: the plan's last record write if it was carried out (or would be, on a
    /// dry run), else the record slurmctld showed before (null when it was not asked).
    /// </summary>
    public static NodeRecord? RecordAfter(HealthPlan plan, Func<HealthAction, bool> carried, SlurmView? before, bool dryRun) =>
        plan.Actions.OfType<WriteRecord>().LastOrDefault() is { } write && (dryRun || carried(write))
            ? write.Record
            : before?.Record;

    /// <summary>
    /// hpcmaint has nothing open on the node after the run: slurmctld answered, the record holds no ticket,
    /// hold or breaker mark, the node is not drained or down by hpcmaint, no action failed, and all of it was
    /// journalled. Anything less means the next run asks slurmctld again.
    /// </summary>
    public static bool NothingOpen(SlurmView? before, NodeRecord? after, bool noActionFailed, bool journalled) =>
        before is not null
        && after is { Ticket: null, Hold: null, BreakerOpened: null }
        && NodeOwnership.Of(before.Node, null) != NodeOwner.Hpcmaint
        && noActionFailed
        && journalled;
}
