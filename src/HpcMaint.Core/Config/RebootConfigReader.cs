using HpcMaint.Core.Health;
using HpcMaint.Core.Trust;

namespace HpcMaint.Core.Config;

/// <summary>Reads [reboot] (with its [[reboot.nodes]] lines), [power] and [openstack]; [oci] is read beside it (OciConfigReader).</summary>
internal static class RebootConfigReader
{
    private static readonly IReadOnlyList<string> Methods = ["os", "power", "openstack", "oci"];

    public static (RebootSettings Reboot, PowerSettings Power, OpenStackSettings? OpenStack) Read(
        ConfigSection reboot, ConfigSection power, ConfigSection openstack, bool hasOci)
    {
        var defaults = new RebootSettings();
        var method = Method(reboot.String("method", "os", ConfigRules.OneOf(Methods)));
        var groups = Groups(reboot.Tables("nodes"));
        var rebootSettings = new RebootSettings
        {
            Command = reboot.Argv("command", RebootSettings.DefaultCommand, ConfigRules.Argv),
            Method = method,
            Nodes = groups,
            SlurmTimeout = reboot.Duration("slurm_timeout", defaults.SlurmTimeout, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(30)),
            WorkDir = reboot.PathFor("work_dir", defaults.WorkDir, PathUse.StateDirectory),
            MetricsFile = reboot.OptionalPathFor("metrics_file", PathUse.StateFile),
        };

        var powerSettings = new PowerSettings { Command = power.OptionalArgv("command", ConfigRules.Argv) };
        power.Done();
        var openStackSettings = openstack.Line > 0 ? OpenStack(openstack) : null;
        if (openStackSettings is null)
        {
            openstack.RecordAbsent("not written: the nodes are not OpenStack servers");
        }

        openstack.Done();

        var used = groups.Select(g => g.Method).Append(method).ToHashSet();
        if (used.Contains(RebootMethodChoice.Power) && powerSettings.Command is not { Count: > 0 })
        {
            reboot.Fail("method", "method \"power\" needs the power-cycle command: add [power] command = [\"/usr/bin/ipmitool\", \"-H\", \"{node}-bmc\", …, \"chassis\", \"power\", \"cycle\"]");
        }

        if (used.Contains(RebootMethodChoice.OpenStack) && openStackSettings is null)
        {
            reboot.Fail("method", "method \"openstack\" needs an [openstack] section (at least: cloud = \"<name in clouds.yaml>\")");
        }

        if (used.Contains(RebootMethodChoice.Oci) && !hasOci)
        {
            reboot.Fail("method", "method \"oci\" needs an [oci] section (at least: profile = \"<profile in ~/.oci/config>\")");
        }

        reboot.Done();
        return (rebootSettings, powerSettings, openStackSettings);
    }

    private static RebootMethodChoice Method(string name) => name switch
    {
        "power" => RebootMethodChoice.Power,
        "openstack" => RebootMethodChoice.OpenStack,
        "oci" => RebootMethodChoice.Oci,
        _ => RebootMethodChoice.Os,
    };

    private static RebootNodeGroup[] Groups(IReadOnlyList<ConfigSection> lines)
    {
        var groups = new List<RebootNodeGroup>();
        foreach (var line in lines)
        {
            var hostsText = line.Optional("hosts");
            var methodText = line.Optional("method", ConfigRules.OneOf(Methods));
            HostTarget? hosts = null;
            if (hostsText is null)
            {
                line.Fail("hosts", "every [[reboot.nodes]] needs hosts = \"<hostlist or glob>\", e.g. \"gpu[001-128]\"");
            }
            else
            {
                hosts = HostTarget.TryParse(hostsText, out var problem);
                if (problem is not null)
                {
                    line.Fail("hosts", problem + "; write a hostlist such as \"gpu[001-128]\" or a glob such as \"gpu*\"");
                }
            }

            if (methodText is null && !line.Has("method"))
            {
                line.Fail("method", "every [[reboot.nodes]] needs method = \"os\", \"power\", \"openstack\" or \"oci\"");
            }

            line.Done();
            if (hosts is not null && methodText is not null)
            {
                groups.Add(new RebootNodeGroup(hosts, Method(methodText)));
            }
        }

        return groups.ToArray();
    }

    private static OpenStackSettings OpenStack(ConfigSection openstack)
    {
        var defaults = new OpenStackSettings();
        var lookupText = openstack.String("server_lookup", "name", ConfigRules.OneOf(["name", "map", "metadata"]));
        var settings = new OpenStackSettings
        {
            Cloud = openstack.Optional("cloud", ConfigRules.Word),
            CloudsFile = openstack.OptionalPathFor("clouds_file", PathUse.Secret),
            Image = openstack.Optional("image", ConfigRules.ImageName),
            ServerLookup = lookupText switch
            {
                "map" => ServerLookup.Map,
                "metadata" => ServerLookup.Metadata,
                _ => ServerLookup.Name,
            },
            MapFile = openstack.OptionalPathFor("map_file", PathUse.InputFile),
            MetadataKey = openstack.Optional("metadata_key", ConfigRules.Word),
            HardReboot = openstack.String("reboot_type", "soft", ConfigRules.OneOf(["soft", "hard"])) == "hard",
            RebuildTimeout = openstack.Duration("rebuild_timeout", defaults.RebuildTimeout, TimeSpan.FromSeconds(10), TimeSpan.FromHours(12)),
            MaxInFlight = openstack.Int("max_in_flight", defaults.MaxInFlight, 1, 1000),
            SlotsDir = openstack.PathFor("slots_dir", defaults.SlotsDir, PathUse.StateDirectory),
        };
        if (settings.ServerLookup == ServerLookup.Map && settings.MapFile is null)
        {
            openstack.Fail("server_lookup", "server_lookup = \"map\" needs map_file = \"/etc/hpcmaint/servers.map\" (lines of 'node server-id')");
        }

        if (settings.ServerLookup == ServerLookup.Metadata && settings.MetadataKey is null)
        {
            openstack.Fail("server_lookup", "server_lookup = \"metadata\" needs metadata_key = \"<key whose value is the node name>\", e.g. \"slurm_node\"");
        }

        return settings;
    }
}
