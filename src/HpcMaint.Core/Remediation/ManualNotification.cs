namespace HpcMaint.Core.Remediation;

/// <summary>What a person is told when a node reaches the manual step.</summary>
public sealed record ManualNotification(
    string Node,
    string Reason,
    Ticket Ticket,
    IReadOnlyList<FailedCheck> FailingChecks);

/// <summary>A failing check as the notification shows it: its findings and (trimmed) output.</summary>
public sealed record FailedCheck(string Name, string Status, IReadOnlyList<string> Findings, string Output);
