using HpcMaint.Core.Audit;
using HpcMaint.Core.Reboot;
using Microsoft.Extensions.Logging;

namespace HpcMaint.Adapters.Reboot;

/// <summary>
/// hpcmaint-reboot's side of the audit journal: one record per decision (Planned) and per outcome
/// (Succeeded or Failed). A journal that cannot be written is logged and never blocks a reboot Slurm asked for.
/// </summary>
public sealed class RebootJournal(IAuditJournal journal, TimeProvider time, ILogger log)
{
    public const string Actor = "hpcmaint-reboot";

    public void Record(RebootAction action, string mode, bool dryRun, AuditOutcome outcome, IReadOnlyDictionary<string, string>? extra = null) =>
        Append(action.Node, "reboot", action.Why, dryRun, outcome, Details(action, mode, extra));

    /// <summary>A drain the worker made (or could not make) after a failed reboot or rebuild.</summary>
    public void RecordDrain(string node, string reason, string mode, string? problem)
    {
        var details = new Dictionary<string, string> { ["mode"] = mode };
        if (problem is not null)
        {
            details["error"] = problem;
        }

        Append(node, "drain", reason, false, problem is null ? AuditOutcome.Succeeded : AuditOutcome.Failed, details);
    }

    /// <summary>
    /// Something hpcmaint-reboot or its worker noticed (a read that failed, a plan it cannot use): slurmd and
    /// slurmctld discard the hook's stderr, so the journal is the only place an operator will see it.
    /// </summary>
    public void RecordNote(string? node, string note, string mode) =>
        Append(node, "note", note, false, AuditOutcome.Failed, new Dictionary<string, string> { ["mode"] = mode });

    private static Dictionary<string, string> Details(RebootAction action, string mode, IReadOnlyDictionary<string, string>? extra)
    {
        var details = new Dictionary<string, string> { ["method"] = action.MethodName, ["mode"] = mode };
        if (action.Command.Count > 0)
        {
            details["command"] = Processes.ShellQuoting.Join(action.Command[0], action.Command.Skip(1).ToArray());
        }

        if (action.Image is not null)
        {
            details["image"] = action.Image;
        }

        foreach (var (key, value) in extra ?? new Dictionary<string, string>())
        {
            details[key] = value;
        }

        return details;
    }

    private void Append(string? node, string verb, string reason, bool dryRun, AuditOutcome outcome, Dictionary<string, string> details)
    {
        try
        {
            journal.Append(new AuditRecord(time.GetUtcNow(), Actor, node, verb, reason, dryRun, outcome, details));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            log.LogError("cannot write the audit journal: {Error}", e.Message);
        }
    }
}
