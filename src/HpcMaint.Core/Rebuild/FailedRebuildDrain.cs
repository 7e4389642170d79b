using HpcMaint.Core.Health;
using HpcMaint.Core.Remediation;
using HpcMaint.Core.Slurm;

namespace HpcMaint.Core.Rebuild;

/// <summary>
/// A node whose rebuild failed (its gate, or the image it came back on) must not return to work: it is
/// drained with an hpcmaint reason and gets a ticket at the manual step, as flow A's last step does, so
/// hpcmaint-health leaves it drained until a person resumes it. `hpcmaint verify` as the gate has done
/// both already; a drain someone else set is left alone.
/// </summary>
public static class FailedRebuildDrain
{
    public const string Condition = "rebuild.gate";
    public const string Check = "rebuild";

    public static string Reason(string detail, string condition = Condition) => NodeReason.Create($"manual: {condition}: {detail}");

    /// <summary>
    /// <paramref name="record"/> null: the node's record field holds text hpcmaint did not write (drained, no ticket).
    /// <paramref name="condition"/> and <paramref name="check"/> name the ticket for another flow's failure (an OCI maintenance's).
    /// </summary>
    public static FailureDrain Decide(Node node, NodeRecord? record, string detail, DateTimeOffset now, string condition = Condition, string check = Check)
    {
        if (node.State.IsDrainSet && !node.ReasonIsOurs)
        {
            return new FailureDrain(null, null, $"drained by someone else ({node.Reason}): left alone");
        }

        if (node.State.IsDrainSet && record?.Ticket is not null)
        {
            return new FailureDrain(null, null, $"already drained by hpcmaint with a ticket for {record.Ticket.Condition} ({node.Reason})");
        }

        // hpcmaint's own reason that says what went wrong (hpcmaint-reboot's failed rebuild) is kept;
        // the drain strategy's "rebuild image=…" (or "reboot plan=…", or "oci-maintenance event=…") says nothing about the failure and is replaced.
        var keep = node.State.IsDrainSet && node.ReasonIsOurs && !DrainTracker.IsPlanReason(node.Reason) && !CloudMaintenance.MaintenanceReasons.IsFor(node.Reason);
        var reason = keep ? null : Reason(detail, condition);
        var drained = keep ? $"kept drained ({node.Reason})" : $"drained ({reason})";
        if (record is null)
        {
            return new FailureDrain(reason, null, $"{drained}; no ticket: the node's record field holds text hpcmaint did not write");
        }

        var ticket = record.Ticket is { } open
            ? open.With(LadderStep.Manual, now, $"manual ({check} failed)")
            : new Ticket(condition, check, LadderStep.Manual, now, now, [new TicketEvent(now, "drain"), new TicketEvent(now, $"manual ({check} failed)")]);
        return new FailureDrain(reason, record with { Ticket = ticket }, $"{drained} with a ticket for a person");
    }
}

/// <summary>What to do for a failed rebuild: the drain reason and the record to write (each null: leave it as it is), and why.</summary>
public sealed record FailureDrain(string? Reason, NodeRecord? Record, string Why);
