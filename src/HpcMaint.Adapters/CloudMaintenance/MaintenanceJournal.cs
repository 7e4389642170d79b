using HpcMaint.Core;
using HpcMaint.Core.Audit;
using HpcMaint.Core.CloudMaintenance;

namespace HpcMaint.Adapters.CloudMaintenance;

/// <summary>Every OCI call, decision and Slurm or OCI action of the maintenance flow to the audit journal.</summary>
public sealed class MaintenanceJournal(IAuditJournal journal, TimeProvider time, bool dryRun)
{
    public const string Actor = "hpcmaint oci";

    /// <summary>One OCI API call and how it went (with OCI's opc-request-id in a failure's words).</summary>
    public Result<T> Call<T>(Result<T> result, string operation, string? node, string? target)
    {
        var details = new Dictionary<string, string> { ["operation"] = operation };
        if (target is not null)
        {
            details["target"] = target;
        }

        Write(node, "oci.call", result.IsSuccess ? operation : result.Problem!.Words, result.IsSuccess ? AuditOutcome.Succeeded : AuditOutcome.Failed, details, real: true);
        return result;
    }

    public void Decision(EventDecision d)
    {
        var details = new Dictionary<string, string>
        {
            ["event"] = d.Event.Id,
            ["verdict"] = d.Verdict.ToString().ToLowerInvariant(),
            ["state"] = d.Event.State,
            ["fault_codes"] = string.Join(",", d.Event.FaultCodes),
            ["group"] = d.Event.Group,
        };
        if (d.DueOverride)
        {
            details["due_override"] = "true";
        }

        if (d.Actions.Count > 0)
        {
            details["actions"] = string.Join(", ", d.Actions.Select(Name));
        }

        Write(d.Node, "oci.decision", d.Why, AuditOutcome.Planned, details, real: false);
    }

    public void Action(MaintenanceAction action, string? node, string what, bool ok) =>
        Write(node, "oci." + Name(action), what, ok ? AuditOutcome.Succeeded : AuditOutcome.Failed, new Dictionary<string, string> { ["event"] = action.EventId }, real: true);

    public void PassFailed(string why) =>
        Write(null, "oci.pass", why, AuditOutcome.Failed, AuditRecord.NoDetails, real: false);

    public static string Name(MaintenanceAction action) => action switch
    {
        MaintenanceAction.RecordStart => "record_start",
        MaintenanceAction.Drain => "drain",
        MaintenanceAction.RecordSchedule => "record_schedule",
        MaintenanceAction.Schedule => "schedule",
        MaintenanceAction.RunGate => "gate",
        MaintenanceAction.RecordGate => "record_gate",
        MaintenanceAction.Resume => "resume",
        MaintenanceAction.DrainFailed => "drain_failed",
        MaintenanceAction.RunOnFailure => "on_failure",
        MaintenanceAction.MarkProcessed => "mark_processed",
        _ => action.GetType().Name.ToLowerInvariant(),
    };

    // A read in a dry run is a real call (it is recorded as done); a decision in a dry run is a "would do".
    private void Write(string? node, string action, string reason, AuditOutcome outcome, IReadOnlyDictionary<string, string> details, bool real) =>
        journal.Append(new AuditRecord(time.GetUtcNow(), Actor, node, action, reason, dryRun && !real, outcome, details));
}
