namespace HpcMaint.Core.Config;

/// <summary>Validators for config values: null when fine, else the problem and what to write.</summary>
public static class ConfigRules
{
    public static string? AbsolutePath(string value) =>
        value.StartsWith('/') ? null : $"\"{value}\" is not an absolute path; write it in full, e.g. \"/{value.TrimStart('.', '/')}\"";

    public static string? Argv(IReadOnlyList<string> argv) =>
        argv.Count == 0 ? "the command must name a program, e.g. [\"/usr/sbin/reboot\"]"
        : argv[0].StartsWith('/') ? null
        : $"the program must be an absolute path (hooks run without PATH), e.g. [\"/usr/sbin/{argv[0]}\"]";

    public static string? NodeName(string value) =>
        value.Length > 0 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')
            ? null
            : $"\"{value}\" is not a Slurm node name (letters, digits, '-', '_', '.')";

    /// <summary>A name without spaces: letters, digits and - _ . # : /.</summary>
    public static string? Word(string value) =>
        value.Length > 0 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '#' or ':' or '/')
            ? null
            : $"\"{value}\" is not a usable name (letters, digits, '-', '_', '.', '#', ':', '/'; no spaces)";

    public static string? HttpUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? null
            : $"\"{value}\" is not an http(s) URL, e.g. \"https://alerts.example.org/hooks/hpcmaint\"";

    public static Func<string, string?> OneOf(IReadOnlyList<string> allowed) => value =>
        allowed.Contains(value) ? null : $"\"{value}\" is not one of {string.Join(", ", allowed.Select(a => "\"" + a + "\""))}";
}
