using HpcMaint.Core.Trust;

namespace HpcMaint.Core.Config;

/// <summary>Reads [oci]; null when the file has no such section (the nodes are not OCI instances).</summary>
internal static class OciConfigReader
{
    public static OciSettings? Read(ConfigSection oci)
    {
        if (oci.Line == 0)
        {
            oci.RecordAbsent("not written: the nodes are not OCI instances");
            oci.Done();
            return null;
        }

        var defaults = new OciSettings();
        var lookup = oci.String("instance_lookup", "display_name", ConfigRules.OneOf(["display_name", "tag", "map"]));
        var settings = new OciSettings
        {
            ConfigFile = oci.OptionalPathFor("config_file", PathUse.Secret),
            Profile = oci.String("profile", defaults.Profile, ConfigRules.Word),
            Compartment = oci.Optional("compartment", ConfigRules.Word),
            InstanceLookup = lookup switch
            {
                "tag" => InstanceLookup.Tag,
                "map" => InstanceLookup.Map,
                _ => InstanceLookup.DisplayName,
            },
            TagKey = oci.Optional("tag_key", ConfigRules.Word),
            MapFile = oci.OptionalPathFor("map_file", PathUse.InputFile),
            HardReboot = oci.String("reboot_type", "soft", ConfigRules.OneOf(["soft", "hard"])) == "hard",
            RebootTimeout = oci.Duration("reboot_timeout", defaults.RebootTimeout, TimeSpan.FromSeconds(10), TimeSpan.FromHours(2)),
            Domain = oci.Optional("domain", ConfigRules.Word),
            ComputeEndpoint = oci.Optional("compute_endpoint", ConfigRules.HttpUrl),
            IdentityEndpoint = oci.Optional("identity_endpoint", ConfigRules.HttpUrl),
            Maintenance = OciMaintenanceConfigReader.Read(oci.Table("maintenance")),
        };
        if (settings.InstanceLookup == InstanceLookup.Tag && settings.TagKey is null)
        {
            oci.Fail("instance_lookup", "instance_lookup = \"tag\" needs tag_key = \"<freeform tag whose value is the node name>\", e.g. \"slurm_node\"");
        }

        if (settings.InstanceLookup == InstanceLookup.Map && settings.MapFile is null)
        {
            oci.Fail("instance_lookup", "instance_lookup = \"map\" needs map_file = \"/etc/hpcmaint/instances.map\" (lines of 'node instance-ocid')");
        }

        oci.Done();
        return settings;
    }
}
