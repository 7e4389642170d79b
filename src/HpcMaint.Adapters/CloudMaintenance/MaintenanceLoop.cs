using System.Security.Cryptography;
using System.Text;
using HpcMaint.Adapters.Cloud.Oci;
using HpcMaint.Adapters.Processes;
using HpcMaint.Adapters.Rebuild;
using HpcMaint.Adapters.Slurm;
using HpcMaint.Core;
using HpcMaint.Core.CloudMaintenance;
using HpcMaint.Core.Config;

namespace HpcMaint.Adapters.CloudMaintenance;

/// <summary>
/// One pass of the OCI maintenance flow: read (<see cref="MaintenanceReader"/>), ask the core
/// (<see cref="MaintenanceDecider"/>), journal every decision, and, unless a dry run, carry out each decision's
/// steps in order (a failed step ends that decision's steps; the next pass decides again from what is).
/// </summary>
public sealed class MaintenanceLoop(
    MaintenanceReader reader,
    OciClient client,
    ISlurmNodeStates states,
    FailedNodeDrainer failedDrainer,
    ICommandRunner runner,
    MaintenanceStore store,
    OciMaintenanceSettings settings,
    MaintenanceJournal journal,
    TimeProvider time)
{
    public Task<Result<MaintenancePass>> RunAsync(bool dryRun, CancellationToken ct) => RunAsync(MaintenanceScope.Everything, dryRun, ct);

    /// <summary>
    /// A pass that carries out only <paramref name="scope"/>'s decisions and, of their steps, those of its phases
    /// (a verb: `hpcmaint oci stage`, `drain NODE`, …); the steps left out are listed with the verb that does them.
    /// </summary>
    public async Task<Result<MaintenancePass>> RunAsync(MaintenanceScope scope, bool dryRun, CancellationToken ct)
    {
        var input = await reader.ReadAsync(ct).ConfigureAwait(false);
        if (!input.IsSuccess)
        {
            journal.PassFailed(input.Problem!.Words);
            return input.Problem!;
        }

        var plan = MaintenanceDecider.Decide(input.Value);
        var selected = scope.Select(plan);
        foreach (var decision in selected)
        {
            journal.Decision(decision);
        }

        var done = new List<string>();
        var left = new List<string>();
        if (dryRun)
        {
            return new MaintenancePass(plan, done) { Scope = scope, Selected = selected };
        }

        var records = new Dictionary<string, MaintenanceRecord>(input.Value.Records, StringComparer.Ordinal);
        foreach (var decision in selected)
        {
            var steps = new Queue<MaintenanceAction>(decision.Actions);
            while (steps.TryDequeue(out var action))
            {
                if (!scope.Covers(action))
                {
                    left.Add($"{decision.Event.Id} {decision.Node ?? "-"}: {MaintenanceJournal.Name(action)}: left for `{MaintenanceScope.VerbFor(action, decision.Node)}`");
                    continue;
                }

                var (ok, what, more) = await CarryOutAsync(action, records, ct).ConfigureAwait(false);
                journal.Action(action, decision.Node, what, ok);
                done.Add($"{decision.Event.Id} {decision.Node ?? "-"}: {MaintenanceJournal.Name(action)}: {(ok ? "" : "FAILED: ")}{what}");
                // on_failure's own failure is journalled as one and the event still gets its mark: its node is drained for a person already.
                if (!ok && action is not MaintenanceAction.RunOnFailure)
                {
                    break;
                }

                foreach (var next in more)
                {
                    steps.Enqueue(next);
                }
            }
        }

        return new MaintenancePass(plan, done) { Scope = scope, Selected = selected, Left = left };
    }

    /// <summary>The opc-retry-token of one schedule attempt of one event: the same on every pass, so a repeat is carried out by OCI at most once.</summary>
    public static string RetryToken(string eventId, int attempt) =>
        "hpcmaint-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(eventId)))[..32] + "-" + attempt.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private async Task<(bool Ok, string What, IReadOnlyList<MaintenanceAction> More)> CarryOutAsync(MaintenanceAction action, Dictionary<string, MaintenanceRecord> records, CancellationToken ct)
    {
        switch (action)
        {
            case MaintenanceAction.RecordStart start:
                records[start.EventId] = records.TryGetValue(start.EventId, out var kept) ? kept with { Node = start.Node } : new MaintenanceRecord(start.EventId, start.Node, start.At);
                return Saved($"start recorded in {store.PathOf}");
            case MaintenanceAction.RecordSchedule asked:
                records[asked.EventId] = (records.GetValueOrDefault(asked.EventId) ?? new MaintenanceRecord(asked.EventId, asked.Node, asked.At)) with { Attempts = asked.Attempt, ScheduledFor = asked.Start, WorkRequestId = null };
                return Saved($"attempt {asked.Attempt} for {asked.Start:u} recorded");
            case MaintenanceAction.Drain drain:
                var drained = await states.DrainAsync([drain.Node], drain.Reason, ct).ConfigureAwait(false);
                return (drained.IsSuccess, drained.IsSuccess ? $"drained ({drain.Reason})" : "drain failed: " + drained.Error, []);
            case MaintenanceAction.Schedule schedule:
                return await ScheduleAsync(schedule, records, ct).ConfigureAwait(false);
            case MaintenanceAction.RunGate gate:
                var command = Command.For(settings.Gate[0]).WithArguments([.. settings.Gate.Skip(1), gate.Node]).WithTimeout(settings.GateTimeout);
                var result = await runner.RunAsync(command, ct).ConfigureAwait(false);
                var detail = result.Ending();
                return (true, $"{command}: {(result.IsSuccess ? "passed" : "failed")} ({detail})", MaintenanceGate.Ended(gate.EventId, gate.Node, result.IsSuccess, detail, time.GetUtcNow(), settings));
            case MaintenanceAction.RecordGate verdict:
                records[verdict.EventId] = (records.GetValueOrDefault(verdict.EventId) ?? new MaintenanceRecord(verdict.EventId, verdict.Node, verdict.At)) with { GatePassed = verdict.Passed, GateDetail = verdict.Detail };
                return Saved($"gate {(verdict.Passed ? "passed" : "failed")} recorded");
            case MaintenanceAction.Resume resume:
                var resumed = await states.ResumeAsync([resume.Node], ct).ConfigureAwait(false);
                return (resumed.IsSuccess, resumed.IsSuccess ? "resumed" : "resume failed: " + resumed.Error, []);
            case MaintenanceAction.DrainFailed failed:
                var (drainOk, what) = await failedDrainer.DrainAsync(failed.Node, failed.Detail, ct, MaintenanceReasons.Condition, MaintenanceReasons.Check).ConfigureAwait(false);
                return (drainOk, what, []);
            case MaintenanceAction.RunOnFailure onFailure:
                return await RunOnFailureAsync(onFailure, records, ct).ConfigureAwait(false);
            case MaintenanceAction.MarkProcessed mark:
                var value = mark.Outcome.Length > 256 ? mark.Outcome[..256] : mark.Outcome;
                var tagged = journal.Call(
                    await client.TagMaintenanceEventAsync(mark.EventId, settings.ProcessedTag, value, RetryToken(mark.EventId, 0) + "-done", ct).ConfigureAwait(false),
                    "UpdateInstanceMaintenanceEvent", null, mark.EventId);
                return (tagged.IsSuccess, tagged.IsSuccess ? $"{settings.ProcessedTag}={value}" : "tag failed: " + tagged.Problem!.Words, []);
            default:
                return (false, $"no way to carry out {action}", []);
        }

        (bool, string, IReadOnlyList<MaintenanceAction>) Saved(string what) =>
            store.Save(records.Values) is { } problem ? (false, "not recorded: " + problem, []) : (true, what, []);
    }

    /// <summary>
    /// on_failure with the node, the event and the why added; however it ends is kept and journalled (a non-zero exit or a
    /// timeout as failed), and the event goes on to its processed mark either way (the node is already drained for a
    /// person, so a failing command is not retried every pass). Only a pass stopped before its end was kept runs it again.
    /// </summary>
    private async Task<(bool, string, IReadOnlyList<MaintenanceAction>)> RunOnFailureAsync(MaintenanceAction.RunOnFailure onFailure, Dictionary<string, MaintenanceRecord> records, CancellationToken ct)
    {
        var command = Command.For(settings.OnFailure[0]).WithArguments([.. settings.OnFailure.Skip(1), onFailure.Node, onFailure.EventId, onFailure.Why]).WithTimeout(settings.OnFailureTimeout);
        var result = await runner.RunAsync(command, ct).ConfigureAwait(false);
        var ended = result.Ending();
        records[onFailure.EventId] = (records.GetValueOrDefault(onFailure.EventId) ?? new MaintenanceRecord(onFailure.EventId, onFailure.Node, time.GetUtcNow())) with { OnFailureRan = ended };
        var what = $"{command}: {(result.IsSuccess ? "done" : "FAILED")} ({ended})";
        return store.Save(records.Values) is { } problem ? (false, what + "; its end not recorded: " + problem, []) : (result.IsSuccess, what, []);
    }

    /// <summary>The event read for its tags and etag, the attempt added, then the update with the attempt's retry token.</summary>
    private async Task<(bool, string, IReadOnlyList<MaintenanceAction>)> ScheduleAsync(MaintenanceAction.Schedule schedule, Dictionary<string, MaintenanceRecord> records, CancellationToken ct)
    {
        var current = journal.Call(await client.GetMaintenanceEventAsync(schedule.EventId, ct).ConfigureAwait(false), "GetInstanceMaintenanceEvent", schedule.Node, schedule.EventId);
        if (!current.IsSuccess)
        {
            return (false, "not scheduled: " + current.Problem!.Words, []);
        }

        var tags = new Dictionary<string, string>(current.Value.FreeformTags ?? [], StringComparer.Ordinal)
        {
            [MaintenanceTags.Attempt] = schedule.Attempt.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        var update = new OciMaintenanceEventUpdate { TimeWindowStart = schedule.Start.ToUniversalTime(), FreeformTags = tags };
        var accepted = journal.Call(
            await client.UpdateMaintenanceEventAsync(schedule.EventId, update, current.Value.Etag, RetryToken(schedule.EventId, schedule.Attempt), ct).ConfigureAwait(false),
            "UpdateInstanceMaintenanceEvent", schedule.Node, schedule.EventId);
        if (!accepted.IsSuccess)
        {
            return (false, "not scheduled: " + accepted.Problem!.Words, []);
        }

        var request = accepted.Value.WorkRequestId;
        if (records.TryGetValue(schedule.EventId, out var record))
        {
            records[schedule.EventId] = record with { WorkRequestId = request };
            if (store.Save(records.Values) is { } problem)
            {
                return (true, $"scheduled for {schedule.Start:u} (attempt {schedule.Attempt}, work request {request}); the work request not recorded: {problem}", []);
            }
        }

        return (true, $"scheduled for {schedule.Start:u} (attempt {schedule.Attempt}, work request {request ?? "none given"}, opc-request-id {accepted.Value.RequestId})", []);
    }
}
