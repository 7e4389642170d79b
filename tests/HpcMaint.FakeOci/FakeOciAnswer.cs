using System.Text.Json;

namespace HpcMaint.FakeOci;

/// <summary>What the fake answers: status, JSON body (null: none), headers; and whether the call changed state.</summary>
public sealed record FakeOciAnswer(int Status, object? Body, bool Wrote = false)
{
    public Dictionary<string, string> Headers { get; } = new(StringComparer.OrdinalIgnoreCase);

    public string? Code => Body is FakeOciError error ? error.code : null;

    public static FakeOciAnswer Error(int status, string code, string message) => new(status, new FakeOciError(code, message));

    public static FakeOciAnswer NotFound(string what) =>
        Error(404, "NotAuthorizedOrNotFound", $"Authorization failed or requested resource not found: {what}");

    public FakeOciAnswer With(string header, string? value)
    {
        if (value is not null)
        {
            Headers[header] = value;
        }

        return this;
    }

    public FakeOciAnswer WithHeaders(FakeOciAnswer other)
    {
        foreach (var (name, value) in other.Headers)
        {
            Headers[name] = value;
        }

        return this;
    }

    public byte[] Bytes() => Body is null ? [] : JsonSerializer.SerializeToUtf8Bytes(Body, Body.GetType());
}

/// <summary>OCI's error body, with its JSON names.</summary>
#pragma warning disable IDE1006, CA1707 // The names are the JSON's.
public sealed record FakeOciError(string code, string message);
#pragma warning restore IDE1006, CA1707
