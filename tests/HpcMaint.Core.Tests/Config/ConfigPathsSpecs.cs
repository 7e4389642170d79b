using HpcMaint.Core.Config;
using HpcMaint.Core.Tests.Trust;
using HpcMaint.Core.Trust;
using HpcMaint.Toml;

namespace HpcMaint.Core.Tests.Config;

/// <summary>The config lists every program, credential and state path it names, at its key's line, for the trust check at load.</summary>
public sealed class ConfigPathsSpecs
{
    private static ConfigResult Read(string toml) => HpcMaintConfigReader.Read(TomlParser.Parse(toml, "t.toml"), "t.toml");

    [Fact]
    public void Every_program_credential_and_state_path_is_listed_with_its_key_line_and_use()
    {
        var result = Read("""
            [slurm]
            bin_dir = "/opt/slurm/bin"
            [audit]
            journal = "/srv/audit.jsonl"
            [reboot]
            command = ["/usr/local/sbin/site-reboot", "{node}"]
            work_dir = "/srv/reboot"
            [power]
            command = ["/usr/bin/ipmitool", "-H", "{node}-bmc"]
            [openstack]
            cloud = "c1"
            clouds_file = "/etc/hpcmaint/clouds.yaml"
            map_file = "/etc/hpcmaint/servers.map"
            server_lookup = "map"
            slots_dir = "/srv/slots"
            [rebuild]
            gate = ["/usr/sbin/hpcmaint", "verify"]
            command = ["/opt/site/reimage", "{node}", "{image}"]
            state_dir = "/srv/plans"
            [health]
            state_file = "/srv/health/state-{node}.json"
            metrics_file = "/srv/metrics/hpcmaint-{node}.prom"
            [health.notify]
            command = ["/opt/site/page-oncall"]
            [[health.check]]
            check = "gpu.nvidia"
            nvidia_smi = ["/opt/nvidia/nvidia-smi", "-q", "-x"]
            [[health.check]]
            check = "cmd"
            argv = ["/opt/site/check-fabric"]
            [[health.remedy]]
            match = "cmd"
            argv = ["/usr/bin/systemctl", "restart", "fabric"]
            """);

        Assert.True(result.IsValid, string.Join('\n', result.Errors));
        var paths = result.Paths.Select(p => (p.Key, p.Line, p.Path, p.Use)).ToArray();
        Assert.Contains(("slurm.bin_dir", 2, "/opt/slurm/bin/scontrol", PathUse.Program), paths);
        Assert.Contains(("slurm.bin_dir", 2, "/opt/slurm/bin/sbatch", PathUse.Program), paths);
        Assert.Contains(("audit.journal", 4, "/srv/audit.jsonl", PathUse.StateFile), paths);
        Assert.Contains(("reboot.command", 6, "/usr/local/sbin/site-reboot", PathUse.Program), paths);
        Assert.Contains(("reboot.work_dir", 7, "/srv/reboot", PathUse.StateDirectory), paths);
        Assert.Contains(("power.command", 9, "/usr/bin/ipmitool", PathUse.Program), paths);
        Assert.Contains(("openstack.clouds_file", 12, "/etc/hpcmaint/clouds.yaml", PathUse.Secret), paths);
        Assert.Contains(("openstack.map_file", 13, "/etc/hpcmaint/servers.map", PathUse.InputFile), paths);
        Assert.Contains(("openstack.slots_dir", 15, "/srv/slots", PathUse.StateDirectory), paths);
        Assert.Contains(("rebuild.gate", 17, "/usr/sbin/hpcmaint", PathUse.Program), paths);
        Assert.Contains(("rebuild.command", 18, "/opt/site/reimage", PathUse.Program), paths);
        Assert.Contains(("rebuild.state_dir", 19, "/srv/plans", PathUse.StateDirectory), paths);
        Assert.Contains(("health.state_file", 21, "/srv/health", PathUse.StateDirectory), paths);
        Assert.Contains(("health.metrics_file", 22, "/srv/metrics", PathUse.StateDirectory), paths);
        Assert.Contains(("health.notify.command", 24, "/opt/site/page-oncall", PathUse.Program), paths);
        Assert.Contains(("health.check[1].nvidia_smi", 27, "/opt/nvidia/nvidia-smi", PathUse.Program), paths);
        Assert.Contains(("health.check[2].argv", 30, "/opt/site/check-fabric", PathUse.Program), paths);
        Assert.Contains(("health.remedy[1].argv", 33, "/usr/bin/systemctl", PathUse.Program), paths);
    }

    [Fact]
    public void The_defaults_name_their_programs_and_state_paths_at_line_0()
    {
        var paths = Read(string.Empty).Paths;

        Assert.Contains(new TrustedPath("reboot.command", 0, "/usr/sbin/reboot", PathUse.Program), paths);
        Assert.Contains(new TrustedPath("rebuild.gate", 0, "/usr/sbin/hpcmaint", PathUse.Program), paths);
        Assert.Contains(new TrustedPath("audit.journal", 0, "/var/log/hpcmaint/audit.jsonl", PathUse.StateFile), paths);
        Assert.Contains(new TrustedPath("health.state_file", 0, "/var/lib/hpcmaint", PathUse.StateDirectory), paths);
    }

    [Fact]
    public void The_slurm_conf_the_Slurm_commands_read_is_judged_like_the_config()
    {
        var paths = Read("[slurm]\nconf = \"/etc/slurm/slurm.conf\"\n").Paths;

        Assert.Contains(new TrustedPath("slurm.conf", 2, "/etc/slurm/slurm.conf", PathUse.InputFile), paths);
    }

    [Fact]
    public void The_metrics_files_of_hpcmaint_reboot_and_rebuild_are_judged_as_state_files()
    {
        var paths = Read("[reboot]\nmetrics_file = \"/srv/m/reboot.prom\"\n[rebuild]\nmetrics_file = \"/srv/m/rebuild.prom\"\n").Paths;

        Assert.Contains(new TrustedPath("reboot.metrics_file", 2, "/srv/m/reboot.prom", PathUse.StateFile), paths);
        Assert.Contains(new TrustedPath("rebuild.metrics_file", 4, "/srv/m/rebuild.prom", PathUse.StateFile), paths);
    }

    [Fact]
    public void A_key_with_an_error_is_not_judged_for_trust_as_well()
    {
        var result = Read("[reboot]\ncommand = [\"bin/true\"]\n[slurm]\nbin_dir = \"usr/bin\"\n");

        Assert.Equal(2, result.Errors.Count);
        Assert.DoesNotContain(result.Paths, p => p.Key is "reboot.command" or "slurm.bin_dir");
    }

    [Theory]
    [InlineData("/var/lib/{node}/state.json")]
    [InlineData("/var/lib/hpcmaint/{node}/health.json")]
    public void Node_may_only_be_written_in_the_file_name_so_no_node_name_leads_out_of_the_directory(string stateFile)
    {
        var error = Assert.Single(Read($"[health]\nstate_file = \"{stateFile}\"\n").Errors);

        Assert.Equal(("health.state_file", 2), (error.Key, error.Line));
        Assert.Contains("write {node} only in the file name", error.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("images/rocky9")]
    [InlineData("../../etc/passwd")]
    [InlineData("rocky 9")]
    [InlineData("rocky9;reboot")]
    [InlineData("$(id)")]
    [InlineData("-rf")]
    [InlineData("a..b")]
    public void An_image_name_with_a_slash_dot_dot_space_or_shell_character_is_a_config_error(string image)
    {
        var error = Assert.Single(Read($"[openstack]\ncloud = \"c1\"\nimage = \"{image}\"\n").Errors);

        Assert.Equal(("openstack.image", 3), (error.Key, error.Line));
        Assert.Contains("is not an image name hpcmaint accepts", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_deliberately_bad_installation_is_reported_key_by_key_all_at_once()
    {
        var result = Read("""
            [audit]
            journal = "/srv/hm/audit.jsonl"
            [reboot]
            command = ["/srv/open/reboot"]
            [openstack]
            cloud = "c1"
            clouds_file = "/srv/hm/clouds.yaml"
            """);
        var fs = new FakeFileSystem().Directory("/usr").Directory("/usr/bin").Directory("/usr/sbin").Directory("/var")
            .Directory("/srv").Directory("/srv/hm").Link("/srv/hm/audit.jsonl", "/etc/shadow")
            .Directory("/srv/open", mode: 0x1FF).File("/srv/open/reboot", mode: 0x1FF)
            .File("/srv/hm/clouds.yaml", mode: 0x1A4, text: "clouds:\n  c1:\n    auth:\n      password: x\n")
            .File("/srv/hm/hpcmaint.toml", mode: 0x1B6);

        var errors = InstallationTrust.Check("/srv/hm/hpcmaint.toml", [new TrustedPath("file", 0, "/srv/hm/hpcmaint.toml", PathUse.ConfigFile), .. result.Paths], fs, 0);

        Assert.Equal(
            [("file", 0), ("audit.journal", 2), ("reboot.command", 4), ("openstack.clouds_file", 7)],
            errors.Select(e => (e.Key, e.Line)).OrderBy(e => e.Line));
        var reboot = errors.Single(e => e.Key == "reboot.command").Problem;
        Assert.Contains("chmod go-w /srv/open;", reboot, StringComparison.Ordinal);
        Assert.EndsWith("chmod go-w /srv/open/reboot", reboot, StringComparison.Ordinal);
    }
}
