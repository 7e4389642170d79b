namespace HpcMaint.Core.Remediation;

/// <summary>
/// The health run's decision: the strikes to keep, the actions in order, and notes saying why
/// something was not done (held, breaker open, controller unreachable…).
/// </summary>
public sealed record HealthPlan(StrikeBook Strikes, IReadOnlyList<HealthAction> Actions, IReadOnlyList<string> Notes)
{
    /// <summary>The decision needs the partition's nodes (a new drain is considered); read them and decide again.</summary>
    public bool NeedsPeers { get; init; }

    /// <summary>The breaker stopped an action on this run.</summary>
    public bool BreakerOpen { get; init; }
}
