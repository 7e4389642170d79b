using HpcMaint.Core.Audit;
using HpcMaint.Core.Service;

namespace HpcMaint.Adapters.Service;

/// <summary>What `hpcmaint service` decided, to the audit journal: its start and stop, the window, each plan's turn.</summary>
public sealed class ServiceJournal(IAuditJournal journal, TimeProvider time, bool acting)
{
    public const string Actor = "hpcmaint service";

    public void Started(IEnumerable<string> loops, bool once) =>
        Write(null, "service.start", $"{(once ? "one pass" : "started")} ({(acting ? "acting" : "monitor-only")}): {string.Join(", ", loops)}", AuditOutcome.Planned, []);

    public void Stopped(string why, bool ok) =>
        Write(null, "service.stop", why, ok ? AuditOutcome.Succeeded : AuditOutcome.Failed, []);

    public void LoopFailed(string loop, string error) =>
        Write(null, "service.fail", $"{loop}: {error}", AuditOutcome.Failed, []);

    /// <summary>The window opened or closed since the last pass (or this is the first).</summary>
    public void Window(WindowState window) =>
        Write(null, window.Open ? "service.window_open" : "service.window_closed", window.Why, AuditOutcome.Planned, window.NextOpening is { } at ? [("next_opening", at.ToString("O"))] : []);

    /// <summary>A plan's turn this pass (resume, follow, wait, report, halted).</summary>
    public void Turn(string plan, PlanTurnDecision decision) =>
        Write(null, "service." + decision.Turn.ToString().ToLowerInvariant(), decision.Why, AuditOutcome.Planned, [("plan", plan)]);

    /// <summary>Another process holds the plan's lock (a `hpcmaint rebuild` or another service): left to it.</summary>
    public void Skipped(string plan, string why) =>
        Write(null, "service.skip", why + "; left to it", AuditOutcome.Skipped, [("plan", plan)]);

    /// <summary>Monitor-only: what resuming the plan would do now.</summary>
    public void Would(string plan, string? node, string what) =>
        Write(node, "service.would", what, AuditOutcome.Planned, [("plan", plan)]);

    public void Problem(string? plan, string what) =>
        Write(null, "service.problem", what, AuditOutcome.Failed, plan is null ? [] : [("plan", plan)]);

    private void Write(string? node, string action, string reason, AuditOutcome outcome, (string Key, string Value)[] details) =>
        journal.Append(new AuditRecord(time.GetUtcNow(), Actor, node, action, reason, DryRun: !acting, outcome, details.ToDictionary(d => d.Key, d => d.Value)));
}
