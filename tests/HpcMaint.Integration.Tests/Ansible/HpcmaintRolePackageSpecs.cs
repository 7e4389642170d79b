using HpcMaint.Integration.Tests.Packaging;

namespace HpcMaint.Integration.Tests.Ansible;

/// <summary>
/// The hpcmaint role given the .deb (hpcmaint_package) on this machine: it installs the package with
/// apt, and gives slurm.conf's SlurmUser ("nobody" here) its directories in a tmpfiles.d file that
/// replaces the package's. The package is purged, and that file removed, when the spec ends.
/// </summary>
[Collection(MachinePackages.Name)]
public sealed class HpcmaintRolePackageSpecs : IDisposable
{
    private const string TmpfilesConf = "/etc/tmpfiles.d/hpcmaint.conf";
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(5);
    private readonly AnsiblePlaybook ansible = new(new Dictionary<string, string> { ["ANSIBLE_ROLES_PATH"] = AnsiblePlaybook.InRepository("ansible", "roles") });

    public HpcmaintRolePackageSpecs()
    {
        Directory.CreateDirectory(Path.Combine(Root, "etc", "slurm"));
        File.WriteAllText(SlurmConf, "ClusterName=site\nSlurmctldHost=ctl\n");
        File.WriteAllText(Path.Combine(ansible.Directory, "site.yml"), "---\n- name: hpcmaint\n  hosts: localhost\n  gather_facts: false\n  roles: [hpcmaint]\n");
    }

    private string Root => ansible.Directory;

    private string SlurmConf => Path.Combine(Root, "etc", "slurm", "slurm.conf");

    public void Dispose() => ansible.Dispose();

    [Fact]
    public async Task Given_the_deb_the_role_installs_it_gives_slurm_user_its_directories_and_a_second_run_changes_nothing()
    {
        await using var machine = await InstalledDeb.ReserveAsync(TmpfilesConf);

        var first = await ApplyAsync();
        var second = await ApplyAsync();

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.True(second.Changed == 0, "the second run changed something:\n" + second);
        var version = await Host.SucceedAsync("/usr/bin/dpkg-query", "--show", "--showformat=${db:Status-Status} ${Version}", "hpcmaint");
        Assert.Equal("installed " + Packages.Version, version.StandardOutput);
        foreach (var name in Executables.Executables.Names)
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(Path.GetDirectoryName(Executables.Executables.Hpcmaint)!, name)), File.ReadAllBytes("/usr/sbin/" + name));
        }

        Assert.Equal(File.ReadAllText(AnsiblePlaybook.InRepository("slurm", "hpcmaint.toml")), File.ReadAllText("/etc/hpcmaint/hpcmaint.toml"));
        Assert.Contains($"include {Root}/etc/slurm/hpcmaint.conf", File.ReadAllLines(SlurmConf));
        string[] paths = ["/var/lib/hpcmaint", "/var/log/hpcmaint", "/var/lib/hpcmaint/reboot", "/var/lib/hpcmaint/openstack-slots", "/var/log/hpcmaint/audit.jsonl"];
        string[] expected = ["root:nogroup 750", "root:nogroup 750", "nobody:nogroup 750", "nobody:nogroup 750", "nobody:nogroup 640"];
        var owners = await Host.OwnershipAsync(paths);
        Assert.Equal(expected, paths.Select(p => owners[p]));

        // What runs at every boot: the role's file, by the package's name, so the package's own (root's alone) is not used.
        await Host.SucceedAsync("/usr/bin/systemd-tmpfiles", "--create", "hpcmaint.conf");
        var afterBoot = await Host.OwnershipAsync(paths);
        Assert.Equal(expected, paths.Select(p => afterBoot[p]));
    }

    private Task<PlaybookRun> ApplyAsync() =>
        ansible.RunAsync(Path.Combine(Root, "site.yml"), new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["hpcmaint_package"] = Packages.Deb,
            ["hpcmaint_package_dir"] = Path.Combine(Root, "packages"),
            ["hpcmaint_slurm_user"] = "nobody",
            ["hpcmaint_reboot_from_controller"] = true,
            ["hpcmaint_slurm_group"] = "nogroup",
            ["hpcmaint_slurm_conf"] = SlurmConf,
            ["hpcmaint_slurm_snippet"] = Path.Combine(Root, "etc", "slurm", "hpcmaint.conf"),
            ["hpcmaint_manage_slurm_conf"] = true,
            ["hpcmaint_reconfigure_slurm"] = false,
            ["hpcmaint_scontrol"] = "/bin/false",
        }, Limit);
}
