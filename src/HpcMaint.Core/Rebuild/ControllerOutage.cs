namespace HpcMaint.Core.Rebuild;

/// <summary>
/// A stretch of time in which slurmctld did not answer the runner: it begins at the first command that
/// could not reach it and ends at the first that got an answer (an answer that is an error counts: the
/// controller is there). Each outage is told once when it begins and once when it ends, however many
/// passes it lasts.
/// </summary>
public sealed record ControllerOutage(DateTimeOffset Since, string FirstError)
{
    public TimeSpan Length(DateTimeOffset now) => now - Since;

    /// <summary>
    /// The outage after one more command: <paramref name="unreachable"/> says whether it reached slurmctld.
    /// The news is what to tell: the outage that began, or the one that ended (with its length); null when nothing changed.
    /// </summary>
    public static (ControllerOutage? Outage, OutageNews? News) Next(ControllerOutage? current, bool unreachable, string? error, DateTimeOffset now) =>
        (current, unreachable) switch
        {
            (null, true) => Began(new ControllerOutage(now, error ?? "no answer")),
            (not null, false) => (null, new OutageNews(Began: false, current, now)),
            _ => (current, null),
        };

    private static (ControllerOutage, OutageNews) Began(ControllerOutage outage) => (outage, new OutageNews(Began: true, outage, outage.Since));
}
