namespace HpcMaint.FakeOpenStack;

/// <summary>What the fake cloud accepts and how slowly its servers change state.</summary>
public sealed record FakeOptions
{
    public int Port { get; init; }

    public string Username { get; init; } = "admin";

    public string UserId { get; init; } = "u-admin";

    public string Password { get; init; } = "secret";

    public string ProjectName { get; init; } = "demo";

    public string ProjectId { get; init; } = "p-demo";

    /// <summary>The one domain, by name and id, as devstack names it.</summary>
    public string DomainName { get; init; } = "Default";

    public string DomainId { get; init; } = "default";

    public string ApplicationCredentialId { get; init; } = "ac-hpcmaint";

    public string ApplicationCredentialName { get; init; } = "hpcmaint";

    public string ApplicationCredentialSecret { get; init; } = "ac-secret";

    public TimeSpan TokenLifetime { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Time in task_state rebuilding, then as long again in rebuild_spawning.</summary>
    public TimeSpan RebuildPhase { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan RebootTime { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Highest compute microversion; a higher one is answered 406, like Nova.</summary>
    public int MaxMicroversion { get; init; } = 104;

    /// <summary>Written after every change, read at start when it exists (servers as they will be once settled).</summary>
    public string? StateFile { get; init; }

    public TimeProvider Time { get; init; } = TimeProvider.System;
}
