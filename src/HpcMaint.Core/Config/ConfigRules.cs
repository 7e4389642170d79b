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

    public static string? NodeName(string value) => Slurm.SlurmNames.NodeNameProblem(value);

    /// <summary>A Unix user name as slurm.conf's SlurmUser writes it.</summary>
    public static string? UserName(string value) =>
        value.Length is > 0 and <= 32 && (char.IsAsciiLetter(value[0]) || value[0] == '_')
        && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.')
            ? null
            : $"\"{value}\" is not a user name (letters, digits, '_', '-', '.'), e.g. \"slurm\"";

    public static string? ImageName(string value) => Slurm.SlurmNames.ImageNameProblem(value);

    /// <summary>An absolute path with "{node}" at most in its file name (so no node name can lead out of its directory).</summary>
    public static string? PerNodeFile(string value) =>
        AbsolutePath(value) is { } problem ? problem
        : System.IO.Path.GetDirectoryName(value)?.Contains(Health.HealthSettings.NodePlaceholder, StringComparison.Ordinal) == true
            ? $"\"{value}\": write {Health.HealthSettings.NodePlaceholder} only in the file name, e.g. \"/var/lib/hpcmaint/health-state-{Health.HealthSettings.NodePlaceholder}.json\""
            : null;

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
