using HpcMaint.Adapters.Processes;
using HpcMaint.Adapters.Slurm;
using HpcMaint.Core.Audit;
using HpcMaint.Core.Health;
using HpcMaint.Core.Remediation;

namespace HpcMaint.Adapters.Health;

/// <summary>
/// Carries out a health plan in order, each action journalled before and after. The first failure
/// stops the rest (no reboot is requested for a node whose drain did not take).
/// </summary>
public sealed class HealthActionExecutor(ISlurmWriter slurm, ManualNotifier notifier, ICommandRunner commands, IAuditJournal journal, RecordField field, TimeProvider time, string actor)
{
    // A remedy runs as root from slurmd's hook: nothing of the caller's environment, only a sane PATH and locale.
    private static readonly Dictionary<string, string?> RemedyEnvironment = new(StringComparer.Ordinal)
    {
        ["PATH"] = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
        ["LC_ALL"] = "C",
    };

    public async Task<IReadOnlyList<ActionOutcome>> ExecuteAsync(IReadOnlyList<HealthAction> actions, bool dryRun, CancellationToken cancellationToken)
    {
        var outcomes = new List<ActionOutcome>();
        var stopped = false;
        foreach (var action in actions)
        {
            if (stopped)
            {
                outcomes.Add(new ActionOutcome(action, false, "not done: an earlier action failed") { Skipped = true });
                Journal(action, dryRun, AuditOutcome.Skipped, "an earlier action failed");
                continue;
            }

            Journal(action, dryRun, AuditOutcome.Planned, null);
            if (dryRun)
            {
                outcomes.Add(new ActionOutcome(action, false, null));
                continue;
            }

            var (error, timedOut) = await RunAsync(action, cancellationToken).ConfigureAwait(false);
            Journal(action, false, error is null ? AuditOutcome.Succeeded : AuditOutcome.Failed, error);
            outcomes.Add(new ActionOutcome(action, error is null, error) { TimedOut = timedOut });
            stopped = error is not null && action is not (NotifyManual or RunRemedy);
        }

        return outcomes;
    }

    private async Task<(string? Error, bool TimedOut)> RunAsync(HealthAction action, CancellationToken ct)
    {
        SlurmResult<string> result;
        switch (action)
        {
            case DrainNode d:
                result = await slurm.DrainAsync([d.Node], d.Reason, ct).ConfigureAwait(false);
                break;
            case ResumeNode r:
                result = await slurm.ResumeAsync([r.Node], ct).ConfigureAwait(false);
                break;
            case RebootNode b:
                result = await slurm.RebootAsync([b.Node], new RebootRequest(), ct).ConfigureAwait(false);
                break;
            case WriteRecord w:
                result = await slurm.WriteRecordAsync(w.Node, field, w.Record, ct).ConfigureAwait(false);
                break;
            case NotifyManual n:
                return (await notifier.NotifyAsync(n.Notification, ct).ConfigureAwait(false), false);
            case RunRemedy m:
                return await RemedyAsync(m.Remedy, ct).ConfigureAwait(false);
            default:
                throw new InvalidOperationException($"no way to carry out {action.GetType().Name}");
        }

        return (result.IsSuccess ? null : result.Error, false);
    }

    private async Task<(string? Error, bool TimedOut)> RemedyAsync(RemedyDefinition remedy, CancellationToken ct)
    {
        var argv = remedy.Argv;
        var result = await commands.RunAsync(
            Command.For(argv[0]).WithArguments(argv.Skip(1)).WithCleanEnvironment().WithEnvironment(RemedyEnvironment).WithTimeout(remedy.Timeout),
            ct).ConfigureAwait(false);
        if (result.IsSuccess)
        {
            return (null, false);
        }

        var said = result.StandardError.Trim() is { Length: > 0 } e ? e : result.StandardOutput.Trim();
        var how = result.Outcome switch
        {
            CommandOutcome.Exited => $"exited {result.ExitCode}",
            CommandOutcome.TimedOut => $"did not finish within {Core.Config.DurationText.Format(remedy.Timeout)}",
            _ => result.Outcome.ToString().ToLowerInvariant(),
        };
        return ($"remedy {remedy.Id}: {argv[0]} {how}{(said.Length > 0 ? ": " + (said.Length > 300 ? said[..300] + "…" : said) : string.Empty)}; the next run decides",
            result.Outcome == CommandOutcome.TimedOut);
    }

    private void Journal(HealthAction action, bool dryRun, AuditOutcome outcome, string? error)
    {
        var details = new Dictionary<string, string> { ["what"] = action.Describe() };
        if (error is not null)
        {
            details["error"] = error;
        }

        string? reason = action switch
        {
            DrainNode d => d.Reason,
            ResumeNode r => r.Why,
            NotifyManual n => n.Notification.Reason,
            RunRemedy m => string.Join(' ', m.Remedy.Argv),
            _ => null,
        };
        journal.Append(new AuditRecord(time.GetUtcNow(), actor, action.Node, action.Name, reason, dryRun, outcome, details));
    }
}
