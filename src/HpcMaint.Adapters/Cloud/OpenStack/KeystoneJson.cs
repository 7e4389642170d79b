using System.Globalization;
using System.Text.Json;

namespace HpcMaint.Adapters.Cloud.OpenStack;

/// <summary>The body of POST /v3/auth/tokens, and the token answer read back.</summary>
internal static class KeystoneJson
{
    public static byte[] AuthRequest(CloudAuthType type, CloudAuth auth) => OpenStackJson.Write(w =>
    {
        w.WriteStartObject();
        w.WriteStartObject("auth");
        w.WriteStartObject("identity");
        if (type == CloudAuthType.ApplicationCredential)
        {
            WriteApplicationCredential(w, auth);
        }
        else
        {
            WritePassword(w, auth);
        }

        w.WriteEndObject();
        if (type == CloudAuthType.Password)
        {
            WriteProjectScope(w, auth);
        }

        w.WriteEndObject();
        w.WriteEndObject();
    });

    /// <summary>The token from a 201 answer, or null when the body is not a Keystone token.</summary>
    public static KeystoneToken? ParseToken(string subjectToken, byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (OpenStackJson.Object(document.RootElement, "token") is not { } token
                || OpenStackJson.String(token, "expires_at") is not { } expires
                || !DateTimeOffset.TryParse(expires, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var expiresAt))
            {
                return null;
            }

            var catalog = new List<CatalogEndpoint>();
            foreach (var service in OpenStackJson.Array(token, "catalog"))
            {
                var type = OpenStackJson.String(service, "type") ?? "";
                foreach (var endpoint in OpenStackJson.Array(service, "endpoints"))
                {
                    if (OpenStackJson.String(endpoint, "url") is { } url)
                    {
                        catalog.Add(new CatalogEndpoint(
                            type,
                            OpenStackJson.String(endpoint, "interface") ?? "",
                            OpenStackJson.String(endpoint, "region_id") ?? OpenStackJson.String(endpoint, "region"),
                            url));
                    }
                }
            }

            return new KeystoneToken(subjectToken, expiresAt, catalog);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static void WritePassword(Utf8JsonWriter w, CloudAuth auth)
    {
        w.WriteStartArray("methods");
        w.WriteStringValue("password");
        w.WriteEndArray();
        w.WriteStartObject("password");
        w.WriteStartObject("user");
        WriteNamed(w, auth.UserId, auth.Username, auth.UserDomainId, auth.UserDomainName);
        w.WriteString("password", auth.Password);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WriteApplicationCredential(Utf8JsonWriter w, CloudAuth auth)
    {
        w.WriteStartArray("methods");
        w.WriteStringValue("application_credential");
        w.WriteEndArray();
        w.WriteStartObject("application_credential");
        if (auth.ApplicationCredentialId is { } id)
        {
            w.WriteString("id", id);
        }
        else
        {
            w.WriteString("name", auth.ApplicationCredentialName);
            w.WriteStartObject("user");
            WriteNamed(w, auth.UserId, auth.Username, auth.UserDomainId, auth.UserDomainName);
            w.WriteEndObject();
        }

        w.WriteString("secret", auth.ApplicationCredentialSecret);
        w.WriteEndObject();
    }

    /// <summary>An application credential is bound to its project: only password auth sends a scope.</summary>
    private static void WriteProjectScope(Utf8JsonWriter w, CloudAuth auth)
    {
        w.WriteStartObject("scope");
        w.WriteStartObject("project");
        WriteNamed(w, auth.ProjectId, auth.ProjectName, auth.ProjectDomainId, auth.ProjectDomainName);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    /// <summary>An id alone, or a name with its domain (by id or name).</summary>
    private static void WriteNamed(Utf8JsonWriter w, string? id, string? name, string? domainId, string? domainName)
    {
        if (id is not null)
        {
            w.WriteString("id", id);
            return;
        }

        w.WriteString("name", name);
        w.WriteStartObject("domain");
        if (domainId is not null)
        {
            w.WriteString("id", domainId);
        }
        else
        {
            w.WriteString("name", domainName);
        }

        w.WriteEndObject();
    }
}
