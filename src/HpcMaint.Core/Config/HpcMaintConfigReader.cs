using HpcMaint.Toml;

namespace HpcMaint.Core.Config;

/// <summary>Turns a parsed TOML document into <see cref="HpcMaintConfig"/>, listing every problem at once.</summary>
public static class HpcMaintConfigReader
{
    private static readonly string[] Sections = ["slurm", "audit", "logging", "node", "reboot"];

    public static ConfigResult Read(TomlTable root, string file)
    {
        var reader = new ConfigReader(file);

        var slurm = reader.Section(root, "slurm");
        var defaults = new SlurmSettings();
        var slurmSettings = new SlurmSettings
        {
            BinDir = slurm.String("bin_dir", defaults.BinDir, AbsolutePath),
            Conf = slurm.Optional("conf", AbsolutePath),
            CommandTimeout = slurm.Duration("command_timeout", defaults.CommandTimeout, TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(5)),
        };
        slurm.Done();

        var audit = reader.Section(root, "audit");
        var auditSettings = new AuditSettings(audit.String("journal", new AuditSettings().Journal, AbsolutePath));
        audit.Done();

        var logging = reader.Section(root, "logging");
        var loggingSettings = new LoggingSettings(logging.String("level", "info", OneOf(LoggingSettings.Levels)));
        logging.Done();

        var node = reader.Section(root, "node");
        var nodeSettings = new NodeSettings(node.Optional("name", NodeName));
        node.Done();

        var reboot = reader.Section(root, "reboot");
        var rebootSettings = new RebootSettings { Command = reboot.StringList("command", RebootSettings.DefaultCommand, Argv) };
        reboot.Done();

        reader.RejectUnknown(root, Sections);
        return reader.Errors.Count > 0
            ? ConfigResult.Invalid(reader.Errors.OrderBy(e => e.Line).ToArray())
            : ConfigResult.Valid(new HpcMaintConfig(file, slurmSettings, auditSettings, loggingSettings, nodeSettings, rebootSettings));
    }

    private static string? AbsolutePath(string value) =>
        value.StartsWith('/') ? null : $"\"{value}\" is not an absolute path; write it in full, e.g. \"/{value.TrimStart('.', '/')}\"";

    private static string? Argv(IReadOnlyList<string> argv) =>
        argv.Count == 0 ? "the command must name a program, e.g. [\"/usr/sbin/reboot\"]"
        : argv[0].StartsWith('/') ? null
        : $"the program must be an absolute path (hooks run without PATH), e.g. [\"/usr/sbin/{argv[0]}\"]";

    private static string? NodeName(string value) =>
        value.Length > 0 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')
            ? null
            : $"\"{value}\" is not a Slurm node name (letters, digits, '-', '_', '.')";

    private static Func<string, string?> OneOf(IReadOnlyList<string> allowed) => value =>
        allowed.Contains(value) ? null : $"\"{value}\" is not one of {string.Join(", ", allowed.Select(a => "\"" + a + "\""))}";
}
