namespace HpcMaint.Core.Health;

/// <summary>How one check ended.</summary>
public enum CheckStatus
{
    /// <summary>Everything the check looked at was as expected.</summary>
    Pass,

    /// <summary>The check ran and found something wrong (see its findings).</summary>
    Fail,

    /// <summary>The check could not look (tool missing, timed out, unreadable output): treated as a failure.</summary>
    Error,
}
