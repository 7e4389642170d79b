using HpcMaint.Core.Config;

namespace HpcMaint.Core.Health.Checks;

/// <summary>Validators and readers shared by the check kinds' config keys (the general ones are in <see cref="ConfigRules"/>).</summary>
internal static class CheckSettings
{
    /// <summary>A program a check runs; like <see cref="ConfigRules.Argv"/>, in the words of a health check.</summary>
    public static string? Argv(IReadOnlyList<string> argv) =>
        argv.Count == 0 ? "the command must name a program, e.g. [\"/usr/bin/true\"]"
        : argv[0].StartsWith('/') ? null
        : $"the program must be an absolute path (health checks run without PATH), e.g. [\"/usr/bin/{argv[0]}\"]";

    /// <summary>A name used as one path component under /sys (an interface, a device): no '/', no "..".</summary>
    public static string? PathComponent(string value) =>
        value.Length > 0 && value != "." && value != ".." && !value.Contains('/') && !value.Any(char.IsWhiteSpace)
            ? null
            : $"\"{value}\" is not a device or interface name";

    /// <summary>A threshold key such as <c>min_free = "3%"</c>; null when absent or wrong (the section reports it).</summary>
    public static Threshold? Threshold(ConfigSection section, string key, bool sizes)
    {
        var example = sizes ? "\"3%\" or \"10GiB\"" : "\"1%\" or \"5000\"";
        var text = section.Optional(key, value => Checks.Threshold.TryParse(value, sizes, out _)
            ? null
            : $"expected a percentage or {(sizes ? "a size" : "a count")} such as {example}, got \"{value}\"");
        return text is not null && Checks.Threshold.TryParse(text, sizes, out var threshold) ? threshold : null;
    }

    /// <summary>A mount point or path as the kernel shows it: no trailing slash except for the root.</summary>
    public static string NormalizePath(string path)
    {
        var trimmed = path.TrimEnd('/');
        return trimmed.Length == 0 ? "/" : trimmed;
    }
}
