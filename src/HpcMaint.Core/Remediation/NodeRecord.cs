using HpcMaint.Core.Health;

namespace HpcMaint.Core.Remediation;

/// <summary>
/// What hpcmaint keeps on a node inside Slurm (its Comment or Extra), so it survives a reimage:
/// the open ticket, a hold, the breaker marker, and a summary of the last checks for <c>hpcmaint status</c>.
/// </summary>
public sealed record NodeRecord
{
    public static readonly NodeRecord Empty = new();

    public Ticket? Ticket { get; init; }

    public Hold? Hold { get; init; }

    /// <summary>When this node found its partition's breaker open (cleared by <c>hpcmaint breaker reset</c>).</summary>
    public DateTimeOffset? BreakerOpened { get; init; }

    /// <summary>An admin reset the breaker after this node's drain: it no longer counts against the budget.</summary>
    public bool Acknowledged { get; init; }

    /// <summary>When earlier tickets were opened (newest last, a few kept), to spot lemon nodes.</summary>
    public IReadOnlyList<DateTimeOffset> PastTickets { get; init; } = [];

    public LastRun? Last { get; init; }

    public bool IsEmpty => Ticket is null && Hold is null && BreakerOpened is null && !Acknowledged && PastTickets.Count == 0 && Last is null;

    public bool Equals(NodeRecord? other) =>
        other is not null
        && Equals(Ticket, other.Ticket)
        && Equals(Hold, other.Hold)
        && BreakerOpened == other.BreakerOpened
        && Acknowledged == other.Acknowledged
        && PastTickets.SequenceEqual(other.PastTickets)
        && Equals(Last, other.Last);

    public override int GetHashCode() => HashCode.Combine(Ticket, Hold, BreakerOpened, Acknowledged, PastTickets.Count, Last);
}

/// <summary>A remediation in progress: which condition, which ladder step, since when, and what happened.</summary>
public sealed record Ticket(
    string Condition,
    string Check,
    LadderStep Step,
    DateTimeOffset Opened,
    DateTimeOffset StepStarted,
    IReadOnlyList<TicketEvent> History)
{
    /// <summary>At the remedy step: the [[health.remedy]] id chosen when the ticket opened.</summary>
    public string? Remedy { get; init; }

    /// <summary>When that remedy was started (null: it waits for the node to be idle). Set once: a remedy runs at most once per ticket.</summary>
    public DateTimeOffset? RemedyRan { get; init; }

    /// <summary>History kept on the node; older events stay in the audit journal.</summary>
    public const int MaxHistory = 8;

    public Ticket With(LadderStep step, DateTimeOffset at, string what) =>
        this with { Step = step, StepStarted = at, History = [.. History.TakeLast(MaxHistory - 1), new TicketEvent(at, what)] };

    public bool Equals(Ticket? other) =>
        other is not null && Condition == other.Condition && Check == other.Check && Step == other.Step
        && Opened == other.Opened && StepStarted == other.StepStarted && History.SequenceEqual(other.History)
        && Remedy == other.Remedy && RemedyRan == other.RemedyRan;

    public override int GetHashCode() => HashCode.Combine(Condition, Step, Opened, StepStarted);
}

/// <summary>One entry of a ticket's history, e.g. "drain", "remedy fabric", "reboot", "rebuild", "manual".</summary>
public sealed record TicketEvent(DateTimeOffset At, string What);

/// <summary>An admin's hands-off marker (<c>hpcmaint hold</c>): hpcmaint never acts on the node.</summary>
public sealed record Hold(string Reason, string By, DateTimeOffset At);

/// <summary>The failing conditions as Slurm keeps them (no strike counts): written when that set changes, <see cref="At"/> then.</summary>
public sealed record LastRun(DateTimeOffset At, IReadOnlyList<string> Failing)
{
    public bool Equals(LastRun? other) => other is not null && At == other.At && Failing.SequenceEqual(other.Failing);

    public override int GetHashCode() => HashCode.Combine(At, Failing.Count);
}
