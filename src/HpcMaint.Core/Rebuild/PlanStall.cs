using System.Globalization;

namespace HpcMaint.Core.Rebuild;

/// <summary>
/// A plan that can start nothing, with nothing in flight, because of nodes outside its control, since
/// <paramref name="Since"/> (the first pass that found it so; kept in the plan, so a resumed runner goes on
/// counting from there). <paramref name="By"/> is who holds it now.
/// </summary>
public sealed record PlanStall(DateTimeOffset Since, IReadOnlyList<StallBlocker> By)
{
    // A 10,000-node plan behind one full budget would otherwise print every node out of it.
    private const int Shown = 3;

    /// <summary>"stalled since 2026-12-07 15:40:00Z by n2 (drained by someone else: bios update)".</summary>
    public string Text => $"stalled since {Since.UtcDateTime.ToString("u", CultureInfo.InvariantCulture)} by {Blockers}";

    /// <summary>"n2 (drained by someone else: bios update), n5 (down: not responding) and 3 more".</summary>
    public string Blockers =>
        string.Join(", ", By.Take(Shown)) + (By.Count > Shown ? string.Create(CultureInfo.InvariantCulture, $" and {By.Count - Shown} more") : string.Empty);

    public TimeSpan Length(DateTimeOffset now) => now - Since;

    /// <summary>Same blockers for the same reasons (records compare lists by reference, so this says it).</summary>
    public bool SameAs(PlanStall? other) =>
        other is not null && other.Since == Since && other.By.SequenceEqual(By);

    /// <summary>
    /// The stall after one more pass: <paramref name="blockers"/> is what <see cref="StallFinder"/> found
    /// (null: the plan is not stalled). The news is what to tell: the stall that began or the one that
    /// ended; null while it goes on (the blockers may change, the since-time stays) or there is none.
    /// </summary>
    public static (PlanStall? Stall, StallNews? News) Next(PlanStall? current, IReadOnlyList<StallBlocker>? blockers, DateTimeOffset now) =>
        (current, blockers) switch
        {
            (null, { Count: > 0 }) => Began(new PlanStall(now, blockers)),
            (not null, { Count: > 0 }) => (current with { By = blockers }, null),
            (not null, _) => (null, new StallNews(Began: false, current, now)),
            _ => (null, null),
        };

    private static (PlanStall, StallNews) Began(PlanStall stall) => (stall, new StallNews(Began: true, stall, stall.Since));
}
