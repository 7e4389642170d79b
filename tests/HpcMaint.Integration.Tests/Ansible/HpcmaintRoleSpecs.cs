namespace HpcMaint.Integration.Tests.Ansible;

/// <summary>
/// The hpcmaint role (ansible/roles/hpcmaint) applied to this machine with every path in a temporary
/// directory: the executables are small wrappers around the built ones, slurm.conf is a file of the
/// test's own, and the reconfigure handler is off (its scontrol is /bin/false: were it run, the play would fail).
/// </summary>
public sealed class HpcmaintRoleSpecs : IDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(3);

    /// <summary>What hpcmaint-reboot writes: owned by the user it runs as.</summary>
    private static readonly string[] RebootPaths = ["var/lib/hpcmaint/reboot", "var/lib/hpcmaint/openstack-slots", "var/log/hpcmaint/audit.jsonl"];
    private readonly AnsiblePlaybook ansible = new(new Dictionary<string, string> { ["ANSIBLE_ROLES_PATH"] = AnsiblePlaybook.InRepository("ansible", "roles") });

    public HpcmaintRoleSpecs()
    {
        Directory.CreateDirectory(Path.Combine(Root, "dist"));
        foreach (var (name, built) in new[] { ("hpcmaint", Executables.Executables.Hpcmaint), ("hpcmaint-health", Executables.Executables.Health), ("hpcmaint-reboot", Executables.Executables.Reboot) })
        {
            File.WriteAllText(Path.Combine(Root, "dist", name), $"#!/bin/sh\nexec {built} \"$@\"\n");
        }

        Directory.CreateDirectory(Path.Combine(Root, "etc", "slurm"));
        Directory.CreateDirectory(Path.Combine(Root, "etc", "tmpfiles.d"));
        File.WriteAllText(SlurmConf, "ClusterName=site\nSlurmctldHost=ctl\n");
        File.WriteAllText(Path.Combine(ansible.Directory, "site.yml"), "---\n- name: hpcmaint\n  hosts: localhost\n  gather_facts: false\n  roles: [hpcmaint]\n");
        File.WriteAllText(Path.Combine(ansible.Directory, "bad.toml"), "[slurm]\nbin_dir = \"usr/bin\"\n");
    }

    private string Root => ansible.Directory;

    private string SlurmConf => Path.Combine(Root, "etc", "slurm", "slurm.conf");

    private string ConfigFile => Path.Combine(Root, "etc", "hpcmaint", "hpcmaint.toml");

    private string TmpfilesConf => Path.Combine(Root, "etc", "tmpfiles.d", "hpcmaint.conf");

    private static string Source(params string[] path) => AnsiblePlaybook.InRepository(["slurm", .. path]);

    public void Dispose() => ansible.Dispose();

    [Fact]
    public async Task The_role_installs_everything_and_a_second_run_changes_nothing()
    {
        var first = await ApplyAsync();
        var second = await ApplyAsync();

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.True(first.Changed > 0, first.ToString());
        foreach (var name in new[] { "hpcmaint", "hpcmaint-health", "hpcmaint-reboot" })
        {
            var installed = Path.Combine(Root, "sbin", name);
            Assert.Equal(File.ReadAllText(Path.Combine(Root, "dist", name)), File.ReadAllText(installed));
            Assert.True(File.GetUnixFileMode(installed).HasFlag(UnixFileMode.UserExecute | UnixFileMode.OtherExecute), name + " is not executable");
        }

        Assert.Equal(File.ReadAllText(Source("hpcmaint-prolog-slurmctld")), File.ReadAllText(Path.Combine(Root, "sbin", "hpcmaint-prolog-slurmctld")));
        Assert.Equal(File.ReadAllText(Source("hpcmaint.toml")), File.ReadAllText(ConfigFile));
        Assert.Equal(File.ReadAllText(Source("slurm.conf.hpcmaint")), File.ReadAllText(Path.Combine(Root, "etc", "slurm", "hpcmaint.conf")));
        Assert.True(Directory.Exists(Path.Combine(Root, "var", "lib", "hpcmaint")));
        Assert.True(Directory.Exists(Path.Combine(Root, "var", "log", "hpcmaint")));
        // slurmd runs hpcmaint-reboot as root: its directories and the journal are root's, below root's state
        // directories that only SlurmUser's group may enter; systemd-tmpfiles keeps them so at boot.
        string[] paths = ["var/lib/hpcmaint", "var/log/hpcmaint", "var/lib/hpcmaint/reboot", "var/lib/hpcmaint/openstack-slots", "var/log/hpcmaint/audit.jsonl"];
        var owners = await Packaging.Host.OwnershipAsync(paths.Select(p => Path.Combine(Root, p)));
        Assert.Equal(
            ["root:nogroup 750", "root:nogroup 750", "root:nogroup 750", "root:nogroup 750", "root:nogroup 640"],
            paths.Select(p => owners[Path.Combine(Root, p)]));
        Assert.Equal(
            [
                $"d {Root}/var/lib/hpcmaint 0750 root nogroup -",
                $"d {Root}/var/log/hpcmaint 0750 root nogroup -",
                $"d {Root}/var/lib/hpcmaint/reboot 0750 root nogroup -",
                $"d {Root}/var/lib/hpcmaint/openstack-slots 0750 root nogroup -",
                $"f {Root}/var/log/hpcmaint/audit.jsonl 0640 root nogroup -",
            ],
            File.ReadAllLines(TmpfilesConf).Where(l => !l.StartsWith('#')));

        Assert.Equal(
            ["ClusterName=site", "SlurmctldHost=ctl", $"include {Root}/etc/slurm/hpcmaint.conf"],
            File.ReadAllLines(SlurmConf));
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.True(second.Changed == 0, "the second run changed something:\n" + second);
    }

    [Fact]
    public async Task What_it_installs_passes_hpcmaint_s_own_trust_checks_run_as_root()
    {
        var installed = await ApplyAsync();
        var check = await new HpcMaint.Adapters.Processes.ProcessRunner(TimeProvider.System).RunAsync(
            HpcMaint.Adapters.Processes.Command.For(Path.Combine(Root, "sbin", "hpcmaint")).WithArguments(["config", "check", "--config", ConfigFile]));

        Assert.True(installed.ExitCode == 0, installed.ToString());
        Assert.True(check.ExitCode == 0, check.StandardError);
    }

    [Fact]
    public async Task With_reboot_from_controller_what_hpcmaint_reboot_writes_is_SlurmUser_s()
    {
        var run = await ApplyAsync(("hpcmaint_reboot_from_controller", true));

        Assert.True(run.ExitCode == 0, run.ToString());
        var owners = await Packaging.Host.OwnershipAsync(RebootPaths.Select(p => Path.Combine(Root, p)));
        Assert.Equal(["nobody:nogroup 750", "nobody:nogroup 750", "nobody:nogroup 640"], RebootPaths.Select(p => owners[Path.Combine(Root, p)]));
    }

    [Fact]
    public async Task A_config_with_an_error_fails_the_play_and_leaves_the_installed_config_as_it_was()
    {
        var good = await ApplyAsync();
        var installed = File.ReadAllText(ConfigFile);

        var bad = await ApplyAsync(("hpcmaint_config_src", Path.Combine(Root, "bad.toml")));

        Assert.True(good.ExitCode == 0, good.ToString());
        Assert.NotEqual(0, bad.ExitCode);
        Assert.Equal(1, bad.Failed);
        Assert.Contains("slurm.bin_dir: \\\"usr/bin\\\" is not an absolute path", bad.Output, StringComparison.Ordinal);
        Assert.Equal(installed, File.ReadAllText(ConfigFile));
        Assert.Single(File.ReadAllLines(SlurmConf), l => l.StartsWith("include ", StringComparison.Ordinal));
    }

    private Task<PlaybookRun> ApplyAsync(params (string Name, object Value)[] overrides)
    {
        var vars = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["hpcmaint_dist_dir"] = Path.Combine(Root, "dist"),
            ["hpcmaint_bin_dir"] = Path.Combine(Root, "sbin"),
            ["hpcmaint_config_dir"] = Path.Combine(Root, "etc", "hpcmaint"),
            ["hpcmaint_state_dirs"] = new[] { Path.Combine(Root, "var", "lib", "hpcmaint"), Path.Combine(Root, "var", "log", "hpcmaint") },
            ["hpcmaint_slurm_user"] = "nobody",
            ["hpcmaint_slurm_group"] = "nogroup",
            ["hpcmaint_tmpfiles_conf"] = TmpfilesConf,
            ["hpcmaint_reboot_dirs"] = new[] { Path.Combine(Root, "var", "lib", "hpcmaint", "reboot"), Path.Combine(Root, "var", "lib", "hpcmaint", "openstack-slots") },
            ["hpcmaint_journal"] = Path.Combine(Root, "var", "log", "hpcmaint", "audit.jsonl"),
            ["hpcmaint_slurm_conf"] = SlurmConf,
            ["hpcmaint_slurm_snippet"] = Path.Combine(Root, "etc", "slurm", "hpcmaint.conf"),
            ["hpcmaint_manage_slurm_conf"] = true,
            ["hpcmaint_reconfigure_slurm"] = false,
            ["hpcmaint_scontrol"] = "/bin/false",
        };
        foreach (var (name, value) in overrides)
        {
            vars[name] = value;
        }

        return ansible.RunAsync(Path.Combine(Root, "site.yml"), vars, Limit);
    }
}
