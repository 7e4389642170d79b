namespace HpcMaint.Core.Remediation;

/// <summary>
/// What a record write did to the node's ticket: a ticket opened (none before, or a new one, told by
/// its opening time) and one closed (the one before is gone or replaced), with how long it was open.
/// </summary>
public static class TicketChange
{
    /// <summary>The ticket the write opened, or null.</summary>
    public static Ticket? Opened(Ticket? was, Ticket? now) => now is not null && (was is null || was.Opened != now.Opened) ? now : null;

    /// <summary>The ticket the write closed, or null.</summary>
    public static Ticket? Closed(Ticket? was, Ticket? now) => was is not null && (now is null || now.Opened != was.Opened) ? was : null;
}
