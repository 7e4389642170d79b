namespace HpcMaint.Adapters.Cloud.OpenStack;

/// <summary>
/// Holds one Keystone token for the client: fetched on first use, reused until it is within the renewal
/// margin of expires_at, and dropped when Nova refuses it (the caller then asks again, once).
/// </summary>
internal sealed class KeystoneSession(CloudConfig cloud, RetryingSender sender, OpenStackClientOptions options, TimeProvider time) : IDisposable
{
    private readonly SemaphoreSlim renewing = new(1, 1);
    private KeystoneToken? current;

    public int Authentications { get; private set; }

    public string TokensUrl => AuthV3Url(cloud.Auth.AuthUrl) + "/auth/tokens";

    public async Task<OpenStackResult<KeystoneToken>> GetTokenAsync(CancellationToken cancellationToken)
    {
        if (Usable(current) is { } token)
        {
            return OpenStackResult<KeystoneToken>.Success(token);
        }

        await renewing.WaitAsync(cancellationToken);
        try
        {
            return Usable(current) is { } renewed ? OpenStackResult<KeystoneToken>.Success(renewed) : await AuthenticateAsync(cancellationToken);
        }
        finally
        {
            renewing.Release();
        }
    }

    /// <summary>Forgets a token the cloud refused, unless another caller already replaced it.</summary>
    public void Refused(KeystoneToken token) => Interlocked.CompareExchange(ref current, null, token);

    public void Dispose() => renewing.Dispose();

    /// <summary>keystoneauth discovers the version; clouds.yaml auth_url usually ends in /v3 or nothing, so append it.</summary>
    internal static string AuthV3Url(string authUrl)
    {
        var trimmed = authUrl.TrimEnd('/');
        return trimmed.EndsWith("/v3", StringComparison.Ordinal) ? trimmed : trimmed + "/v3";
    }

    private KeystoneToken? Usable(KeystoneToken? token) =>
        token is not null && time.GetUtcNow() < token.ExpiresAt - options.TokenRenewalMargin ? token : null;

    private async Task<OpenStackResult<KeystoneToken>> AuthenticateAsync(CancellationToken cancellationToken)
    {
        var body = KeystoneJson.AuthRequest(cloud.AuthType, cloud.Auth);
        var answer = await sender.SendAsync(new ApiRequest(HttpMethod.Post, TokensUrl, body, null, null), cancellationToken);
        Authentications++;
        if (!answer.IsSuccess)
        {
            var failure = answer.ToFailure($"Keystone at {TokensUrl}");
            // Keystone's 404 here means a wrong user/project/credential id, not a missing server.
            return OpenStackResult<KeystoneToken>.Fail(
                answer.Status is 401 or 403 or 404 ? failure with { Kind = OpenStackFailureKind.Authentication } : failure);
        }

        if (answer.SubjectToken is not { Length: > 0 } subject || KeystoneJson.ParseToken(subject, answer.Body) is not { } token)
        {
            return OpenStackResult<KeystoneToken>.Fail(OpenStackFailureKind.BadResponse, answer.Status,
                $"Keystone at {TokensUrl} answered {answer.Status} without an X-Subject-Token header and a token with expires_at");
        }

        current = token;
        return OpenStackResult<KeystoneToken>.Success(token);
    }
}
