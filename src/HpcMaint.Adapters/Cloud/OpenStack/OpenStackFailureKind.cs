namespace HpcMaint.Adapters.Cloud.OpenStack;

/// <summary>Why an OpenStack call did not give what was asked; each kind calls for a different operator action.</summary>
public enum OpenStackFailureKind
{
    /// <summary>clouds.yaml, the mapping file or the catalog does not say how to reach the cloud.</summary>
    Configuration,

    /// <summary>Keystone refused the credentials (401/403), or a fresh token was refused too.</summary>
    Authentication,

    /// <summary>No server by that id, name or mapping (404, or no match).</summary>
    NotFound,

    /// <summary>More than one server matched a name or metadata value.</summary>
    Ambiguous,

    /// <summary>The server is in a state that does not allow the action (409).</summary>
    Conflict,

    /// <summary>Any other 4xx: the request itself is wrong (bad image id, unsupported microversion).</summary>
    Rejected,

    /// <summary>5xx or 429 still answered after every retry.</summary>
    Unavailable,

    /// <summary>No answer in time (connection failure or attempt timeout) after every retry.</summary>
    Unreachable,

    /// <summary>The answer could not be read (not the JSON the API reference describes).</summary>
    BadResponse,

    /// <summary>The server went to ERROR; the message is Nova's fault message.</summary>
    ServerError,

    /// <summary>The server did not reach the wanted state before the deadline.</summary>
    TimedOut,
}
