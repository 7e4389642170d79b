using HpcMaint.Core.Config;
using HpcMaint.Toml;

namespace HpcMaint.Core.Tests.Config;

public sealed class RebootConfigSpecs
{
    private static ConfigResult Read(string toml) => HpcMaintConfigReader.Read(TomlParser.Parse(toml, "t.toml"), "t.toml");

    [Fact]
    public void Without_the_sections_a_node_is_rebooted_by_the_os_command_and_nothing_is_openstack()
    {
        var c = Read(string.Empty).Config!;

        Assert.Equal(RebootMethodChoice.Os, c.Reboot.MethodFor("n1"));
        Assert.Null(c.OpenStack);
        Assert.Null(c.Power.Command);
        Assert.Null(c.Rebuild.Command);
        Assert.Equal((TimeSpan.FromSeconds(3), "/var/lib/hpcmaint/reboot", "rebuild"), (c.Reboot.SlurmTimeout, c.Reboot.WorkDir, c.Rebuild.Partition));
    }

    [Fact]
    public void Every_reboot_setting_is_read()
    {
        var result = Read("""
            [reboot]
            method = "openstack"
            slurm_timeout = "1500ms"
            work_dir = "/run/hpcmaint"
            [[reboot.nodes]]
            hosts = "bm[01-04]"
            method = "power"
            [[reboot.nodes]]
            hosts = "login*"
            method = "os"
            [power]
            command = ["/usr/bin/ipmitool", "-H", "{node}-bmc", "chassis", "power", "cycle"]
            [rebuild]
            partition = "reimage"
            command = ["/opt/site/reimage", "{node}", "{image}"]
            [openstack]
            cloud = "site"
            clouds_file = "/etc/hpcmaint/clouds.yaml"
            image = "5e0c4f7a-1111-2222-3333-444455556666"
            server_lookup = "metadata"
            metadata_key = "slurm_node"
            reboot_type = "hard"
            rebuild_timeout = "45m"
            max_in_flight = 4
            slots_dir = "/shared/hpcmaint/slots"
            """);

        Assert.True(result.IsValid, string.Join('\n', result.Errors));
        var c = result.Config!;
        Assert.Equal(
            (RebootMethodChoice.Power, RebootMethodChoice.Os, RebootMethodChoice.OpenStack),
            (c.Reboot.MethodFor("bm03"), c.Reboot.MethodFor("login2"), c.Reboot.MethodFor("vm7")));
        Assert.Equal((TimeSpan.FromMilliseconds(1500), "/run/hpcmaint", "reimage"), (c.Reboot.SlurmTimeout, c.Reboot.WorkDir, c.Rebuild.Partition));
        Assert.Equal("{node}-bmc", c.Power.Command![2]);
        Assert.Equal("{image}", c.Rebuild.Command![2]);
        Assert.Equal(
            new OpenStackSettings
            {
                Cloud = "site", CloudsFile = "/etc/hpcmaint/clouds.yaml", Image = "5e0c4f7a-1111-2222-3333-444455556666",
                ServerLookup = ServerLookup.Metadata, MetadataKey = "slurm_node", HardReboot = true,
                RebuildTimeout = TimeSpan.FromMinutes(45), MaxInFlight = 4, SlotsDir = "/shared/hpcmaint/slots",
            },
            c.OpenStack);
    }

    [Fact]
    public void An_empty_openstack_section_means_openstack_with_its_defaults()
    {
        var c = Read("[openstack]\n").Config!;

        Assert.Equal(new OpenStackSettings(), c.OpenStack);
    }

    [Theory]
    [InlineData("[reboot]\nmethod = \"ipmi\"", "reboot.method", "not one of", 2)]
    [InlineData("[reboot]\nmethod = \"power\"", "reboot.method", "add [power] command", 2)]
    [InlineData("[reboot]\nmethod = \"openstack\"", "reboot.method", "needs an [openstack] section", 2)]
    [InlineData("[reboot]\n[[reboot.nodes]]\nhosts = \"bm[1-2]\"\nmethod = \"power\"", "reboot.method", "add [power] command", 1)]
    [InlineData("[[reboot.nodes]]\nmethod = \"os\"", "reboot.nodes[1].hosts", "needs hosts", 1)]
    [InlineData("[[reboot.nodes]]\nhosts = \"bm[3-1]\"\nmethod = \"os\"", "reboot.nodes[1].hosts", "hostlist", 2)]
    [InlineData("[[reboot.nodes]]\nhosts = \"bm1\"", "reboot.nodes[1].method", "needs method", 1)]
    [InlineData("[power]\ncommand = [\"ipmitool\"]", "power.command", "absolute path", 2)]
    [InlineData("[rebuild]\ncommand = []", "rebuild.command", "must name a program", 2)]
    [InlineData("[openstack]\nserver_lookup = \"map\"", "openstack.server_lookup", "needs map_file", 2)]
    [InlineData("[openstack]\nserver_lookup = \"metadata\"", "openstack.server_lookup", "needs metadata_key", 2)]
    [InlineData("[openstack]\nreboot_type = \"gentle\"", "openstack.reboot_type", "not one of", 2)]
    [InlineData("[openstack]\nrebuild_timeout = \"1s\"", "openstack.rebuild_timeout", "out of range", 2)]
    [InlineData("[openstack]\nclouds_file = \"clouds.yaml\"", "openstack.clouds_file", "absolute path", 2)]
    [InlineData("[openstack]\nimge = \"x\"", "openstack.imge", "did you mean 'image'", 2)]
    public void A_wrong_value_names_the_key_its_line_and_what_to_write(string toml, string key, string hint, int line)
    {
        var result = Read(toml);

        var error = Assert.Single(result.Errors);
        Assert.Equal((key, line), (error.Key, error.Line));
        Assert.Contains(hint, error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void The_preemptable_partitions_are_none_unless_named_in_rebuild()
    {
        Assert.Empty(Read(string.Empty).Config!.Rebuild.PreemptablePartitions);
        Assert.Equal(["scavenger", "spot"], Read("[rebuild]\npreemptable_partitions = [\"scavenger\", \"spot\"]\n").Config!.Rebuild.PreemptablePartitions);
    }
}
