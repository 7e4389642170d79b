using System.Text.Json;

namespace HpcMaint.FakeOpenStack;

/// <summary>Checks a POST /v3/auth/tokens body against the one user and application credential the fake knows.</summary>
public static class FakeKeystone
{
    /// <summary>The auth method used when the credentials are right; null (with why) when not.</summary>
    public static (string? Method, string Problem) Check(JsonElement root, FakeOptions options)
    {
        if (!TryPath(root, out var identity, "auth", "identity") || !identity.TryGetProperty("methods", out var methods) || methods.ValueKind != JsonValueKind.Array)
        {
            return (null, "auth.identity.methods is missing");
        }

        var method = methods.EnumerateArray().FirstOrDefault().GetString();
        switch (method)
        {
            case "password":
                return CheckPassword(root, identity, options);
            case "application_credential":
                return CheckApplicationCredential(root, identity, options);
            default:
                return (null, $"unsupported method {method}");
        }
    }

    private static (string? Method, string Problem) CheckPassword(JsonElement root, JsonElement identity, FakeOptions options)
    {
        if (!TryPath(identity, out var user, "password", "user"))
        {
            return (null, "password.user is missing");
        }

        if (!IsUser(user, options) || FakeRequest.Text(user, "password") != options.Password)
        {
            return (null, "The request you have made requires authentication.");
        }

        if (!TryPath(root, out var project, "auth", "scope", "project") || !IsProject(project, options))
        {
            return (null, "The request you have made requires authentication.");
        }

        return ("password", "");
    }

    private static (string? Method, string Problem) CheckApplicationCredential(JsonElement root, JsonElement identity, FakeOptions options)
    {
        if (!identity.TryGetProperty("application_credential", out var credential))
        {
            return (null, "application_credential is missing");
        }

        if (TryPath(root, out _, "auth", "scope"))
        {
            return (null, "An application credential cannot request a scope.");
        }

        var known = FakeRequest.Text(credential, "id") == options.ApplicationCredentialId
            || (FakeRequest.Text(credential, "name") == options.ApplicationCredentialName && credential.TryGetProperty("user", out var user) && IsUser(user, options));
        return known && FakeRequest.Text(credential, "secret") == options.ApplicationCredentialSecret
            ? ("application_credential", "")
            : (null, "The request you have made requires authentication.");
    }

    private static bool IsUser(JsonElement user, FakeOptions options) =>
        FakeRequest.Text(user, "id") == options.UserId || (FakeRequest.Text(user, "name") == options.Username && IsDomain(user, options));

    private static bool IsProject(JsonElement project, FakeOptions options) =>
        FakeRequest.Text(project, "id") == options.ProjectId || (FakeRequest.Text(project, "name") == options.ProjectName && IsDomain(project, options));

    private static bool IsDomain(JsonElement owner, FakeOptions options) =>
        owner.TryGetProperty("domain", out var domain) && (FakeRequest.Text(domain, "id") == options.DomainId || FakeRequest.Text(domain, "name") == options.DomainName);

    private static bool TryPath(JsonElement element, out JsonElement found, params string[] names)
    {
        found = element;
        foreach (var name in names)
        {
            if (found.ValueKind != JsonValueKind.Object || !found.TryGetProperty(name, out found))
            {
                return false;
            }
        }

        return true;
    }
}
