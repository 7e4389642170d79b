namespace HpcMaint.Core.Health;

/// <summary>
/// One <c>[[health.check]]</c> line of the config: the check and how hpcmaint treats its failures.
/// </summary>
/// <param name="Name">Unique id (the <c>id</c> key, else the kind, numbered when repeated: "ps.running#2").</param>
/// <param name="Kind">The check kind, e.g. <c>fs.mount</c>.</param>
/// <param name="Strikes">Consecutive failing runs before hpcmaint acts (critical findings act at once).</param>
/// <param name="Ladder">The remediation steps for this check's conditions, in order.</param>
/// <param name="Line">Where it is written in the config, for messages.</param>
public sealed record CheckDefinition(
    string Name,
    string Kind,
    IHealthCheck Check,
    HostTarget Hosts,
    TimeSpan Timeout,
    CheckPriority Priority,
    int Strikes,
    IReadOnlyList<LadderStep> Ladder,
    int Line);
