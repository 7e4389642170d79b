using HpcMaint.Core.Health;
using HpcMaint.Toml;

namespace HpcMaint.Core.Config;

/// <summary>Turns a parsed TOML document into <see cref="HpcMaintConfig"/>, listing every problem at once.</summary>
public static class HpcMaintConfigReader
{
    private static readonly string[] Sections = ["slurm", "audit", "logging", "node", "reboot", "power", "rebuild", "openstack", "oci", "health", "service", "maintenance"];

    public static ConfigResult Read(TomlTable root, string file) => Read(root, file, CheckCatalogue.Builtin);

    public static ConfigResult Read(TomlTable root, string file, CheckCatalogue catalogue)
    {
        var reader = new ConfigReader(file);

        var slurm = reader.Section(root, "slurm");
        var defaults = new SlurmSettings();
        var slurmSettings = new SlurmSettings
        {
            BinDir = slurm.DirectoryOf("bin_dir", defaults.BinDir, SlurmSettings.Commands, Trust.PathUse.Program),
            Conf = slurm.OptionalPathFor("conf", Trust.PathUse.InputFile),
            CommandTimeout = slurm.Duration("command_timeout", defaults.CommandTimeout, TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(5)),
            User = slurm.Optional("slurm_user", ConfigRules.UserName),
        };
        slurm.Done();

        var audit = reader.Section(root, "audit");
        var auditSettings = new AuditSettings(audit.PathFor("journal", new AuditSettings().Journal, Trust.PathUse.StateFile));
        audit.Done();

        var logging = reader.Section(root, "logging");
        var loggingSettings = new LoggingSettings(logging.String("level", "info", ConfigRules.OneOf(LoggingSettings.Levels)));
        logging.Done();

        var node = reader.Section(root, "node");
        var nodeSettings = new NodeSettings(node.Optional("name", ConfigRules.NodeName));
        node.Done();

        var ociSettings = OciConfigReader.Read(reader.Section(root, "oci"));
        var (rebootSettings, powerSettings, openStackSettings) = RebootConfigReader.Read(
            reader.Section(root, "reboot"), reader.Section(root, "power"), reader.Section(root, "openstack"), ociSettings is not null);

        var healthSettings = HealthConfigReader.Read(reader.Section(root, "health"), catalogue);
        var rebuildSettings = RebuildConfigReader.Read(reader.Section(root, "rebuild"));
        var serviceSettings = ServiceConfigReader.Read(reader.Section(root, "service"), reader.Section(root, "maintenance"));

        reader.RejectUnknown(root, Sections);
        var result = reader.Errors.Count > 0
            ? ConfigResult.Invalid(reader.Errors.OrderBy(e => e.Line).ToArray())
            : ConfigResult.Valid(new HpcMaintConfig(file, slurmSettings, auditSettings, loggingSettings, nodeSettings, rebootSettings)
                {
                    Health = healthSettings,
                    Power = powerSettings,
                    Rebuild = rebuildSettings,
                    OpenStack = openStackSettings,
                    Service = serviceSettings,
                    Oci = ociSettings,
                },
                reader.Effective);
        return result with { Paths = reader.Paths };
    }
}
