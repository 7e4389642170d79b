namespace HpcMaint.Core;

/// <summary>Why something expected did not happen, as far as what to do about it differs.</summary>
public enum ProblemKind
{
    /// <summary>The input is wrong: a config value, a file, an argument. Fix it and run again.</summary>
    Invalid,

    /// <summary>Nothing by that name, id or mapping.</summary>
    NotFound,

    /// <summary>More than one thing matched where one was wanted.</summary>
    Ambiguous,

    /// <summary>The other side understood and said no (credentials, a state that does not allow it, a bad request).</summary>
    Refused,

    /// <summary>The other side did not answer (down, overloaded, no network): trying later may work.</summary>
    Unreachable,

    /// <summary>It did not end before the deadline.</summary>
    TimedOut,

    /// <summary>It was tried and failed (an error state, an answer that could not be read, a command's failure).</summary>
    Failed,
}
