using System.Text.Json;
using HpcMaint.Core;

namespace HpcMaint.Adapters.Cloud.Oci;

/// <summary>
/// The last answer to a request after retries: its status (0 when none came, with the reason in
/// <see cref="TransportError"/>), body, the headers this client reads, and how many tries it took.
/// </summary>
internal sealed record OciAnswer(
    int Status, byte[] Body, string? RequestId, string? NextPage, string? Etag, string? WorkRequestId, string? TransportError, int Attempts)
{
    public bool IsSuccess => Status is >= 200 and < 300;

    /// <summary>OCI's error code (NotAuthenticated, IncorrectState, …), when the body is OCI's error JSON.</summary>
    public string? Code => Error()?.Code;

    /// <summary>
    /// The failure this answer stands for, as a problem: the status, OCI's code and message, the tries,
    /// and the opc-request-id to quote to Oracle support.
    /// </summary>
    public Problem ToProblem(string what)
    {
        var kind = Status switch
        {
            0 => ProblemKind.Unreachable,
            404 => ProblemKind.NotFound,
            429 or >= 500 => ProblemKind.Unreachable,
            _ => ProblemKind.Refused,
        };
        var error = Error();
        var said = Status == 0
            ? TransportError ?? "no answer"
            : $"HTTP {Status}{(error?.Code is { } code ? " " + code : "")}: {error?.Message ?? Text()}";
        var tries = Attempts > 1 ? $" after {Attempts} tries" : "";
        var id = RequestId is null ? "" : $" (opc-request-id {RequestId})";
        return new Problem(kind, $"{what}: {said}{tries}{id}");
    }

    private OciError? Error()
    {
        if (Body.Length == 0)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(Body, OciJson.Default.OciError);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private string Text()
    {
        var text = System.Text.Encoding.UTF8.GetString(Body).Trim();
        return text.Length == 0 ? "(empty answer)" : text.Length > 200 ? text[..200] + "…" : text;
    }
}
