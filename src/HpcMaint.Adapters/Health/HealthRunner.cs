using HpcMaint.Adapters.Audit;
using HpcMaint.Adapters.Slurm;
using HpcMaint.Core.Audit;
using HpcMaint.Core.Health;
using HpcMaint.Core.Remediation;
using HpcMaint.Core.Slurm;

namespace HpcMaint.Adapters.Health;

/// <summary>
/// One health run on one node: checks in parallel within the budget, then (only when something needs
/// it) slurmctld is asked, the core decides, and the plan is carried out and journalled. Strikes and
/// the metrics file stay on the node. slurmctld not answering means: record locally, do nothing.
/// </summary>
public sealed class HealthRunner(
    HealthSettings settings,
    IHostProbe probe,
    ISlurmReader reader,
    HealthActionExecutor executor,
    LocalHealthStateStore store,
    AuditJournal journal,
    TimeProvider time)
{
    public async Task<HealthRunReport> RunAsync(string node, bool dryRun, CancellationToken cancellationToken)
    {
        var startedAt = time.GetUtcNow();
        var started = time.GetTimestamp();
        var checks = settings.Checks.Where(c => c.Hosts.Matches(node)).ToArray();
        var results = await CheckRunner.RunAsync(checks, probe, HealthRunPolicy.ChecksTimeLimit(settings), time, cancellationToken).ConfigureAwait(false);

        var local = store.Load();
        var mustAsk = HealthRunPolicy.MustAskSlurm(results, local.NothingOpen, local.SlurmCheckedAt, startedAt, settings);
        SlurmView? view = null;
        string? refusal = null;
        if (mustAsk)
        {
            (view, refusal) = await ReadNodeAsync(node, cancellationToken).ConfigureAwait(false);
        }

        var input = new HealthInput(node, results, local.Strikes, view, startedAt, settings) { SlurmRefusal = refusal };
        var plan = mustAsk
            ? HealthDecider.Decide(input)
            : HealthRunOutcome.WithoutSlurm(local.Strikes, results);
        if (plan.NeedsPeers)
        {
            var peers = await ReadPeersAsync(view!.Node, cancellationToken).ConfigureAwait(false);
            plan = peers is null
                ? HealthRunOutcome.WithoutPeers(plan)
                : HealthDecider.Decide(input with { Slurm = view with { Peers = peers } });
        }

        var journalProblem = plan.Actions.Count > 0 || plan.Notes.Count > 0 ? journal.WhyNotWritable() : null;
        if (journalProblem is not null)
        {
            plan = HealthRunOutcome.Unjournalled(plan);
        }

        foreach (var note in plan.Notes)
        {
            journal.Append(new AuditRecord(startedAt, "hpcmaint-health", node, "note", note, dryRun, AuditOutcome.Skipped, AuditRecord.NoDetails));
        }

        var outcomes = await executor.ExecuteAsync(plan.Actions, dryRun, cancellationToken).ConfigureAwait(false);
        var recordAfter = HealthRunOutcome.RecordAfter(plan, a => outcomes.Any(o => o.Action == a && o.Carried), view, dryRun);
        if (!dryRun)
        {
            var nothingOpen = HealthRunOutcome.NothingOpen(view, recordAfter, outcomes.All(o => o.Error is null), journalProblem is null);
            var next = new LocalHealthState(plan.Strikes, view is null ? local.SlurmCheckedAt : startedAt, view is null ? local.NothingOpen : nothingOpen);
            if (!next.SameAs(local))
            {
                store.Save(next); // a healthy node that was not asked changes nothing: no write on every run
            }
        }

        return new HealthRunReport(node, startedAt, time.GetElapsedTime(started), results, plan, outcomes, mustAsk, view is not null, recordAfter, dryRun)
        {
            Before = view,
            JournalProblem = journalProblem,
        };
    }

    /// <summary>The node as slurmctld sees it, or null and, where slurmctld answered all the same, what it said.</summary>
    private async Task<(SlurmView? View, string? Refusal)> ReadNodeAsync(string node, CancellationToken ct)
    {
        var read = await reader.GetNodeAsync(node, ct).ConfigureAwait(false);
        if (!read.IsSuccess)
        {
            return (null, read.ControllerUnreachable ? null : read.Error);
        }

        return NodeRecordField.TryRead(read.Value, settings.RecordField, out var record, out var problem)
            ? (new SlurmView(read.Value, record), null)
            : (new SlurmView(read.Value, NodeRecord.Empty, problem), null);
    }

    private async Task<IReadOnlyList<PeerNode>?> ReadPeersAsync(Node self, CancellationToken ct)
    {
        var read = await reader.GetNodesAsync(ct).ConfigureAwait(false);
        if (!read.IsSuccess)
        {
            return null;
        }

        return read.Value
            .Where(n => n.Name != self.Name && (self.Partitions.Count == 0 || n.Partitions.Any(self.Partitions.Contains)))
            .Select(n => new PeerNode(n, NodeRecordField.ReadOrEmpty(n, settings.RecordField)))
            .ToArray();
    }
}
