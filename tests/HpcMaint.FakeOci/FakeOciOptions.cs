using System.Security.Cryptography;

namespace HpcMaint.FakeOci;

/// <summary>Who the fake accepts, how its pages are cut, and how fast its events, work requests and resets move.</summary>
public sealed record FakeOciOptions
{
    public int Port { get; init; }

    public string Tenancy { get; init; } = "ocid1.tenancy.oc1..faketenancy";

    /// <summary>keyId (tenancy/user/fingerprint) → the public key its signatures must verify with.</summary>
    public IReadOnlyDictionary<string, RSA> Keys { get; init; } = new Dictionary<string, RSA>();

    /// <summary>OCI answers 401 to a date further than this from its clock.</summary>
    public TimeSpan MaxClockSkew { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Items per page when the request asks for more (or says nothing).</summary>
    public int PageSize { get; init; } = 100;

    /// <summary>Time an event spends in STARTED, then in PROCESSING; a work request as long in ACCEPTED, then IN_PROGRESS.</summary>
    public TimeSpan EventPhase { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Time a reset spends in STOPPING, then in STARTING.</summary>
    public TimeSpan ResetPhase { get; init; } = TimeSpan.FromSeconds(1);

    public TimeProvider Time { get; init; } = TimeProvider.System;
}
