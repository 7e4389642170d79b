namespace HpcMaint.Adapters.Cloud.OpenStack;

/// <summary>
/// The last answer to a request after retries: its status (0 when none came, with the reason in
/// <see cref="TransportError"/>), body, the headers this client reads, and how many tries it took.
/// </summary>
internal sealed record ApiAnswer(int Status, byte[] Body, string? SubjectToken, string? RequestId, string? TransportError, int Attempts)
{
    /// <summary>The answer was a failure, but the server shows the request was carried out.</summary>
    public bool TookEffect { get; init; }

    public bool IsSuccess => Status is >= 200 and < 300;

    /// <summary>The failure this answer stands for, in the cloud's own words where it gave some.</summary>
    public OpenStackFailure ToFailure(string what)
    {
        var said = Status == 0 ? TransportError ?? "no answer" : OpenStackJson.ErrorMessage(Body);
        var kind = Status switch
        {
            0 => OpenStackFailureKind.Unreachable,
            401 or 403 => OpenStackFailureKind.Authentication,
            404 => OpenStackFailureKind.NotFound,
            409 => OpenStackFailureKind.Conflict,
            429 or >= 500 => OpenStackFailureKind.Unavailable,
            _ => OpenStackFailureKind.Rejected,
        };
        var tries = Attempts > 1 ? $" (after {Attempts} tries)" : "";
        return new OpenStackFailure(kind, Status, $"{what}: {said}{tries}");
    }
}
