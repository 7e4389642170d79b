using System.Text.RegularExpressions;
using HpcMaint.Adapters.Files;
using HpcMaint.Core;
using HpcMaint.Core.Config;
using HpcMaint.Core.Trust;

namespace HpcMaint.Adapters.Cloud.Oci;

/// <summary>
/// Reads an OCI config file (<c>~/.oci/config</c>) as the OCI SDKs and CLI do (Python's configparser
/// without interpolation): <c>[PROFILE]</c> sections of <c>key=value</c> (or <c>key: value</c>) lines, keys
/// in any case, '#' and ';' comment lines, and every key of <c>[DEFAULT]</c> inherited by the other
/// profiles. A profile needs user, fingerprint, key_file, tenancy and region; pass_phrase is optional.
/// key_file may start with <c>~</c>; a relative one is taken from the config file's directory (the SDKs
/// take it from the working directory, which a Slurm hook does not choose). Every problem names file:line.
/// </summary>
public static partial class OciConfigFile
{
    public const string DefaultProfile = "DEFAULT";

    private static readonly string[] Required = ["user", "fingerprint", "key_file", "tenancy", "region"];

    public static Result<OciProfile> Load(string file, string profile, string? home)
    {
        if (StatePaths.Problem(file, PathUse.Secret) is { } untrusted)
        {
            return Problem.Invalid(untrusted);
        }

        try
        {
            return Parse(file, SmallFile.ReadAllText(file), profile, home);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Problem.Invalid($"{file}: cannot read the OCI config file: {e.Message}");
        }
    }

    public static Result<OciProfile> Parse(string file, string text, string profile, string? home)
    {
        var errors = new List<ConfigError>();
        var sections = Sections(file, text, errors);
        if (errors.Count > 0)
        {
            return Invalid(errors);
        }

        if (!sections.TryGetValue(profile, out var own))
        {
            var known = sections.Keys.Where(k => k != DefaultProfile || sections[k].Values.Count > 0).ToArray();
            return Problem.Invalid($"{file}: no profile [{profile}]; the file has {(known.Length == 0 ? "none" : string.Join(", ", known.Select(k => $"[{k}]")))}");
        }

        var values = new Dictionary<string, (string Value, int Line)>(StringComparer.Ordinal);
        if (profile != DefaultProfile && sections.TryGetValue(DefaultProfile, out var defaults))
        {
            foreach (var (key, value) in defaults.Values)
            {
                values[key] = value;
            }
        }

        foreach (var (key, value) in own.Values)
        {
            values[key] = value;
        }

        string? Get(string key) => values.TryGetValue(key, out var v) && v.Value.Length > 0 ? v.Value : null;
        void Fail(string key, string problem) => errors.Add(new ConfigError(file, values.TryGetValue(key, out var v) ? v.Line : own.Line, key, problem));

        if (Get("key_content") is not null)
        {
            Fail("key_content", "is not allowed in the config file (the SDKs refuse it too): put the key in a file and name it with key_file");
        }

        if (Get("security_token_file") is not null)
        {
            Fail("security_token_file", "session-token profiles are not supported by hpcmaint: use an API-key profile (user, fingerprint, key_file)");
        }

        foreach (var key in Required.Where(k => Get(k) is null))
        {
            errors.Add(new ConfigError(file, own.Line, key, $"profile [{profile}] has no {key}: add {key}={Example(key)}"));
        }

        if (Get("user") is { } user && !OcidPattern().IsMatch(user))
        {
            Fail("user", $"\"{user}\" is not a user OCID (ocid1.user.oc1..…)");
        }

        if (Get("tenancy") is { } tenancy && !OcidPattern().IsMatch(tenancy))
        {
            Fail("tenancy", $"\"{tenancy}\" is not a tenancy OCID (ocid1.tenancy.oc1..…)");
        }

        if (Get("fingerprint") is { } fingerprint && !FingerprintPattern().IsMatch(fingerprint))
        {
            Fail("fingerprint", $"\"{fingerprint}\" is not a key fingerprint (16 lowercase hex pairs joined by ':'; openssl rsa -pubout -outform DER -in KEY | openssl md5 -c)");
        }

        if (Get("region") is { } region && !RegionPattern().IsMatch(region))
        {
            Fail("region", $"\"{region}\" is not a region identifier such as us-ashburn-1");
        }

        string? keyFile = null;
        if (Get("key_file") is { } keyText)
        {
            keyFile = KeyPath(keyText, file, home);
            if (keyFile is null)
            {
                Fail("key_file", $"\"{keyText}\" starts with ~ but HOME is not set: write the full path");
            }
        }

        if (errors.Count > 0)
        {
            return Invalid(errors);
        }

        return new OciProfile(profile, Get("user")!, Get("fingerprint")!, keyFile!, Get("tenancy")!, Get("region")!, Get("pass_phrase"), file);
    }

    private static string? KeyPath(string text, string file, string? home)
    {
        if (text == "~" || text.StartsWith("~/", StringComparison.Ordinal))
        {
            return home is null ? null : Path.Join(home, text[1..]);
        }

        return Path.IsPathRooted(text) ? text : Path.GetFullPath(Path.Join(Path.GetDirectoryName(Path.GetFullPath(file)), text));
    }

    private static Dictionary<string, Section> Sections(string file, string text, List<ConfigError> errors)
    {
        var sections = new Dictionary<string, Section>(StringComparer.Ordinal);
        Section? current = null;
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var number = i + 1;
            var line = lines[i].TrimEnd('\r').Trim();
            if (line.Length == 0 || line[0] is '#' or ';')
            {
                continue;
            }

            if (line[0] == '[')
            {
                if (!line.EndsWith(']'))
                {
                    errors.Add(new ConfigError(file, number, line, "a profile header is [NAME]"));
                    continue;
                }

                var name = line[1..^1].Trim();
                if (sections.ContainsKey(name))
                {
                    errors.Add(new ConfigError(file, number, $"[{name}]", "the profile is written twice (configparser refuses that): merge the two"));
                }

                current = sections[name] = new Section(number);
                continue;
            }

            var split = line.IndexOfAny(['=', ':']);
            if (split <= 0)
            {
                errors.Add(new ConfigError(file, number, line, "expected key=value"));
                continue;
            }

            var key = line[..split].Trim().ToLowerInvariant();
            if (current is null)
            {
                errors.Add(new ConfigError(file, number, key, "comes before any [PROFILE] header: start the file with [DEFAULT]"));
                continue;
            }

            if (!current.Values.TryAdd(key, (line[(split + 1)..].Trim(), number)))
            {
                errors.Add(new ConfigError(file, number, key, $"is set twice in one profile (first on line {current.Values[key].Line})"));
            }
        }

        return sections;
    }

    private static Problem Invalid(List<ConfigError> errors) => Problem.Invalid(string.Join("; ", errors));

    private static string Example(string key) => key switch
    {
        "user" => "ocid1.user.oc1..…",
        "tenancy" => "ocid1.tenancy.oc1..…",
        "fingerprint" => "aa:bb:…",
        "key_file" => "~/.oci/oci_api_key.pem",
        _ => "us-ashburn-1",
    };

    [GeneratedRegex(@"^([0-9a-zA-Z\-_]+[.:])([0-9a-zA-Z\-_]*[.:]){3,}([0-9a-zA-Z\-_]+)$")]
    private static partial Regex OcidPattern();

    [GeneratedRegex(@"^([0-9a-f]{2}:){15}[0-9a-f]{2}$")]
    private static partial Regex FingerprintPattern();

    [GeneratedRegex(@"^[a-z0-9]+(-[a-z0-9]+)+$")]
    private static partial Regex RegionPattern();

    private sealed record Section(int Line)
    {
        public Dictionary<string, (string Value, int Line)> Values { get; } = new(StringComparer.Ordinal);
    }
}
