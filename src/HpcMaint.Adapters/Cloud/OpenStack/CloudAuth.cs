namespace HpcMaint.Adapters.Cloud.OpenStack;

/// <summary>The <c>auth:</c> block of one cloud in clouds.yaml (the keys this client uses).</summary>
public sealed record CloudAuth
{
    public required string AuthUrl { get; init; }

    public string? Username { get; init; }

    public string? UserId { get; init; }

    public string? Password { get; init; }

    public string? UserDomainName { get; init; }

    public string? UserDomainId { get; init; }

    public string? ProjectName { get; init; }

    public string? ProjectId { get; init; }

    public string? ProjectDomainName { get; init; }

    public string? ProjectDomainId { get; init; }

    public string? ApplicationCredentialId { get; init; }

    public string? ApplicationCredentialName { get; init; }

    public string? ApplicationCredentialSecret { get; init; }

    /// <summary>Secrets stay out of logs and test output.</summary>
    public override string ToString() =>
        $"{AuthUrl} user={Username ?? UserId} project={ProjectName ?? ProjectId} app-cred={ApplicationCredentialId ?? ApplicationCredentialName}";
}
