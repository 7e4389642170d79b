namespace HpcMaint.Core.Health;

/// <summary>
/// The urgency classes of the Aegis design, mapped to what hpcmaint does with a failing check.
/// </summary>
public enum PriorityClass
{
    /// <summary>Priority 1: the node cannot serve at all; acts at the first failure.</summary>
    NotReady,

    /// <summary>Priorities 2–99: drains after the strike count and climbs the ladder.</summary>
    Emergency,

    /// <summary>Priorities 100–999: tolerable; counted and reported, never drains, never blocks a resume.</summary>
    CanIgnore,

    /// <summary>Runs and is shown, but its results are ignored entirely (no strikes, no reasons).</summary>
    MustIgnore,
}
