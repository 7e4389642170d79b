using HpcMaint.Core.Config;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace HpcMaint.Adapters.Cloud.OpenStack;

/// <summary>
/// Reads one cloud out of a clouds.yaml (or clouds.json) text: the keys openstacksdk documents for
/// Keystone v3 password and application-credential auth. Unknown keys are left alone, as openstacksdk
/// does; every problem found is reported with its line.
/// </summary>
public static class CloudsYamlReader
{
    public static CloudConfigResult Read(string file, string text, string? cloudName)
    {
        YamlMappingNode root;
        var parser = new Parser(new StringReader(text));
        try
        {
            var stream = new YamlStream();
            stream.Load(parser);
            if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode mapping)
            {
                return CloudConfigResult.Invalid(file, 1, "clouds", "the file must be a mapping with a 'clouds:' key");
            }

            root = mapping;
        }
        catch (YamlException e)
        {
            return CloudConfigResult.Invalid(file, (int)e.Start.Line, "yaml", e.Message);
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet 16.3 throws this, not a YamlException, for a flow collection left open at the end.
            return CloudConfigResult.Invalid(file, (int)(parser.Current?.End.Line ?? 0), "yaml", "malformed YAML after this line (an unclosed [ or {?)");
        }

        if (Child(root, "clouds") is not YamlMappingNode clouds)
        {
            return CloudConfigResult.Invalid(file, Line(root), "clouds", "no 'clouds:' mapping of cloud names");
        }

        var names = clouds.Children.Keys.OfType<YamlScalarNode>().Select(k => k.Value ?? "").ToList();
        if (cloudName is null && names.Count != 1)
        {
            return CloudConfigResult.Invalid(file, Line(clouds), "clouds",
                names.Count == 0 ? "no cloud defined" : $"{names.Count} clouds ({string.Join(", ", names)}): name one (OS_CLOUD)");
        }

        var name = cloudName ?? names[0];
        if (Child(clouds, name) is not YamlMappingNode cloud)
        {
            return CloudConfigResult.Invalid(file, Line(clouds), "clouds",
                $"no cloud named '{name}' (defined: {string.Join(", ", names)})");
        }

        return new CloudEntry(file, name).Read(cloud);
    }

    internal static YamlNode? Child(YamlMappingNode mapping, string key) =>
        mapping.Children.TryGetValue(new YamlScalarNode(key), out var node) ? node : null;

    internal static int Line(YamlNode node) => (int)node.Start.Line;

    /// <summary>Reads one cloud's mapping, collecting every problem.</summary>
    private sealed class CloudEntry(string file, string name)
    {
        private readonly List<ConfigError> errors = [];

        public CloudConfigResult Read(YamlMappingNode cloud)
        {
            var authType = ReadAuthType(cloud);
            var iface = Scalar(cloud, "interface") ?? CloudConfig.DefaultInterface;
            if (iface is not ("public" or "internal" or "admin"))
            {
                Error(cloud, "interface", $"'{iface}' is not one of public, internal, admin");
            }

            var identityVersion = Scalar(cloud, "identity_api_version");
            if (identityVersion is not (null or "3" or "3.0"))
            {
                Error(cloud, "identity_api_version", $"'{identityVersion}': only Keystone v3 is supported");
            }

            var region = Scalar(cloud, "region_name") ?? FirstRegion(cloud);
            var computeVersion = Scalar(cloud, "compute_api_version");
            var auth = ReadAuth(cloud, authType);
            if (errors.Count > 0 || auth is null)
            {
                return CloudConfigResult.Invalid(errors);
            }

            return CloudConfigResult.Valid(new CloudConfig(name, file, authType, auth, region, iface, computeVersion));
        }

        private CloudAuthType ReadAuthType(YamlMappingNode cloud)
        {
            switch (Scalar(cloud, "auth_type"))
            {
                case null or "password" or "v3password":
                    return CloudAuthType.Password;
                case "v3applicationcredential" or "application_credential":
                    return CloudAuthType.ApplicationCredential;
                case var other:
                    Error(cloud, "auth_type", $"'{other}' is not supported (password, v3applicationcredential)");
                    return CloudAuthType.Password;
            }
        }

        private CloudAuth? ReadAuth(YamlMappingNode cloud, CloudAuthType authType)
        {
            if (Child(cloud, "auth") is not YamlMappingNode block)
            {
                Error(cloud, "auth", "missing: the cloud needs an 'auth:' mapping");
                return null;
            }

            var authUrl = Scalar(block, "auth_url");
            if (authUrl is null)
            {
                Error(block, "auth.auth_url", "missing");
            }
            else if (!Uri.TryCreate(authUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                Error(block, "auth.auth_url", $"'{authUrl}' is not an http(s) URL");
            }

            var auth = new CloudAuth
            {
                AuthUrl = authUrl ?? "",
                Username = Scalar(block, "username"),
                UserId = Scalar(block, "user_id"),
                Password = Scalar(block, "password"),
                UserDomainName = Scalar(block, "user_domain_name") ?? Scalar(block, "domain_name"),
                UserDomainId = Scalar(block, "user_domain_id") ?? Scalar(block, "domain_id"),
                ProjectName = Scalar(block, "project_name") ?? Scalar(block, "tenant_name"),
                ProjectId = Scalar(block, "project_id") ?? Scalar(block, "tenant_id"),
                ProjectDomainName = Scalar(block, "project_domain_name") ?? Scalar(block, "domain_name"),
                ProjectDomainId = Scalar(block, "project_domain_id") ?? Scalar(block, "domain_id"),
                ApplicationCredentialId = Scalar(block, "application_credential_id"),
                ApplicationCredentialName = Scalar(block, "application_credential_name"),
                ApplicationCredentialSecret = Scalar(block, "application_credential_secret"),
            };
            if (authType == CloudAuthType.Password)
            {
                CheckPassword(block, auth);
            }
            else
            {
                CheckApplicationCredential(block, auth);
            }

            return auth;
        }

        private void CheckPassword(YamlMappingNode block, CloudAuth auth)
        {
            if (auth.Password is null)
            {
                Error(block, "auth.password", "missing (auth_type password)");
            }

            if (auth.UserId is null && auth.Username is null)
            {
                Error(block, "auth.username", "missing: give username or user_id");
            }
            else if (auth.UserId is null && auth.UserDomainName is null && auth.UserDomainId is null)
            {
                Error(block, "auth.user_domain_name", "missing: a username needs its domain (user_domain_name or user_domain_id)");
            }

            if (auth.ProjectId is null && auth.ProjectName is null)
            {
                Error(block, "auth.project_name", "missing: give project_name or project_id (the token must be scoped to see Nova)");
            }
            else if (auth.ProjectId is null && auth.ProjectDomainName is null && auth.ProjectDomainId is null)
            {
                Error(block, "auth.project_domain_name", "missing: a project_name needs its domain (project_domain_name or project_domain_id)");
            }
        }

        private void CheckApplicationCredential(YamlMappingNode block, CloudAuth auth)
        {
            if (auth.ApplicationCredentialSecret is null)
            {
                Error(block, "auth.application_credential_secret", "missing (auth_type v3applicationcredential)");
            }

            if (auth.ApplicationCredentialId is null && auth.ApplicationCredentialName is null)
            {
                Error(block, "auth.application_credential_id", "missing: give application_credential_id, or its name with the user");
            }
            else if (auth.ApplicationCredentialId is null && auth.UserId is null && auth.Username is null)
            {
                Error(block, "auth.username", "an application credential given by name needs its user (user_id, or username and user_domain_name)");
            }
        }

        private string? FirstRegion(YamlMappingNode cloud) => Child(cloud, "regions") switch
        {
            YamlSequenceNode { Children.Count: > 0 } regions => regions.Children[0] switch
            {
                YamlScalarNode scalar => scalar.Value,
                YamlMappingNode mapping => Scalar(mapping, "name"),
                _ => null,
            },
            _ => null,
        };

        private string? Scalar(YamlMappingNode mapping, string key)
        {
            switch (Child(mapping, key))
            {
                case null:
                    return null;
                case YamlScalarNode scalar:
                    return string.IsNullOrEmpty(scalar.Value) || scalar.Value == "~" || scalar.Value == "null" ? null : scalar.Value;
                case var other:
                    errors.Add(new ConfigError(file, Line(other), key, "must be a single value, not a list or mapping"));
                    return null;
            }
        }

        private void Error(YamlMappingNode where, string key, string problem)
        {
            var shortKey = key[(key.LastIndexOf('.') + 1)..];
            var line = Child(where, shortKey) is { } node ? Line(node) : Line(where);
            errors.Add(new ConfigError(file, line, $"clouds.{name}.{key}", problem));
        }
    }
}
