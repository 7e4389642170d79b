using HpcMaint.Core.Trust;

namespace HpcMaint.Core.Tests.Trust;

public sealed class TrustRulesSpecs
{
    private const uint Mode755 = 0x1ED;
    private const uint Mode777 = 0x1FF;
    private const uint Mode644 = 0x1A4;
    private const uint Mode600 = 0x180;
    private const uint Mode1777 = 0x3FF;
    private const uint Mode775 = 0x1FD;

    /// <summary>What a package installs: root:root 0755 directories, 0644 config, 0755 programs.</summary>
    private static FakeFileSystem Packaged() => new FakeFileSystem()
        .Directory("/usr").Directory("/usr/sbin").File("/usr/sbin/hpcmaint-reboot")
        .Directory("/etc").Directory("/etc/hpcmaint").File("/etc/hpcmaint/hpcmaint.toml", mode: Mode644)
        .Directory("/var").Directory("/var/lib").Directory("/var/lib/hpcmaint").Directory("/var/log").Directory("/var/log/hpcmaint")
        .File("/var/log/hpcmaint/audit.jsonl", mode: 0x1A0)
        .Directory("/tmp", mode: Mode1777);

    [Theory]
    [InlineData("/usr/sbin/hpcmaint-reboot", PathUse.Program)]
    [InlineData("/etc/hpcmaint/hpcmaint.toml", PathUse.ConfigFile)]
    [InlineData("/var/log/hpcmaint/audit.jsonl", PathUse.StateFile)]
    [InlineData("/var/lib/hpcmaint", PathUse.PrivateDirectory)]
    [InlineData("/var/lib/hpcmaint/rebuild", PathUse.PrivateDirectory)]
    [InlineData("/usr/sbin/not-installed", PathUse.Program)]
    public void What_a_package_installs_root_owned_and_not_writable_by_others_passes(string path, PathUse use) =>
        Assert.Empty(Packaged().Judge(path, use));

    [Fact]
    public void A_config_writable_by_others_names_its_path_owner_mode_and_fix()
    {
        var fs = Packaged().File("/etc/hpcmaint/hpcmaint.toml", mode: 0x1B6);

        var problem = Assert.Single(fs.Judge("/etc/hpcmaint/hpcmaint.toml", PathUse.ConfigFile));

        Assert.Equal(
            "the config file /etc/hpcmaint/hpcmaint.toml (owner root, mode 0666) is writable by group or others, so whoever can change it decides what hpcmaint runs; fix: chmod go-w /etc/hpcmaint/hpcmaint.toml",
            problem);
    }

    [Fact]
    public void A_config_in_a_directory_writable_by_others_names_the_directory()
    {
        var fs = Packaged().Directory("/etc/hpcmaint", mode: Mode777);

        var problem = Assert.Single(fs.Judge("/etc/hpcmaint/hpcmaint.toml", PathUse.ConfigFile));

        Assert.Equal(
            "the directory /etc/hpcmaint (owner root, mode 0777) is writable by group or others, who could replace /etc/hpcmaint/hpcmaint.toml; fix: chmod go-w /etc/hpcmaint",
            problem);
    }

    [Fact]
    public void A_program_owned_by_another_user_and_writable_by_others_gets_both_fixes()
    {
        var fs = Packaged().File("/usr/sbin/hpcmaint-reboot", owner: FakeFileSystem.Other, mode: Mode777);

        var problem = Assert.Single(fs.Judge("/usr/sbin/hpcmaint-reboot", PathUse.Program));

        Assert.Contains("(owner user2000 (uid 2000), mode 0777) is not owned by root and is writable by group or others", problem, StringComparison.Ordinal);
        Assert.EndsWith("fix: chown root: /usr/sbin/hpcmaint-reboot; chmod go-w /usr/sbin/hpcmaint-reboot", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_group_writable_directory_above_a_program_is_refused_as_Slurm_refuses_a_group_writable_RebootProgram()
    {
        var fs = Packaged().Directory("/opt", mode: Mode775).Directory("/opt/site").File("/opt/site/reimage");

        var problem = Assert.Single(fs.Judge("/opt/site/reimage", PathUse.Program));

        Assert.StartsWith("the directory /opt (owner root, mode 0775) is writable by group or others", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_program_reached_through_a_link_is_judged_where_the_link_leads()
    {
        var fs = Packaged().Directory("/srv", mode: Mode777).File("/srv/reboot").Link("/usr/sbin/site-reboot", "/srv/reboot");

        var problem = Assert.Single(fs.Judge("/usr/sbin/site-reboot", PathUse.Program));

        Assert.Contains("the directory /srv (owner root, mode 0777)", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void In_a_sticky_directory_only_an_entry_of_root_or_the_running_user_is_accepted()
    {
        var fs = Packaged()
            .Directory("/tmp/ours").File("/tmp/ours/tool")
            .Directory("/tmp/theirs", owner: FakeFileSystem.Other).File("/tmp/theirs/tool");

        Assert.Empty(fs.Judge("/tmp/ours/tool", PathUse.Program));
        Assert.Contains(fs.Judge("/tmp/theirs/tool", PathUse.Program), p => p.EndsWith("fix: chown -h root: /tmp/theirs", StringComparison.Ordinal));
        Assert.Contains(fs.Judge("/tmp/missing/tool", PathUse.Program), p => p.StartsWith("anyone can create /tmp/missing in the sticky directory /tmp", StringComparison.Ordinal));
    }

    [Fact]
    public void The_running_user_may_own_what_it_uses_and_another_user_may_not()
    {
        var fs = Packaged().Directory("/home", mode: Mode755).Directory("/home/admin", owner: FakeFileSystem.Admin).File("/home/admin/hpcmaint.toml", owner: FakeFileSystem.Admin, mode: Mode644);

        Assert.Empty(fs.Judge("/home/admin/hpcmaint.toml", PathUse.ConfigFile, user: FakeFileSystem.Admin));
        Assert.Equal(2, fs.Judge("/home/admin/hpcmaint.toml", PathUse.ConfigFile, user: 0).Count);
    }

    [Fact]
    public void A_program_that_is_not_executable_or_not_a_file_is_named()
    {
        var fs = Packaged().File("/usr/sbin/plain", mode: Mode644);

        Assert.Equal(["the program /usr/sbin/plain (owner root, mode 0644) is not executable; fix: chmod u+x /usr/sbin/plain"], fs.Judge("/usr/sbin/plain", PathUse.Program));
        Assert.Contains("is not a regular file", Assert.Single(fs.Judge("/usr/sbin", PathUse.Program)), StringComparison.Ordinal);
    }

    [Fact]
    public void Clouds_yaml_with_a_password_readable_by_others_is_refused_without_one_it_is_not()
    {
        var fs = Packaged().Directory("/etc/openstack")
            .File("/etc/openstack/clouds.yaml", mode: Mode644, text: "clouds:\n  c1:\n    auth:\n      password: s3cret\n")
            .File("/etc/openstack/token-only.yaml", mode: Mode644, text: "clouds:\n  c1:\n    auth_type: token\n")
            .File("/etc/openstack/private.yaml", mode: Mode600, text: "clouds:\n  c1:\n    auth:\n      application_credential_secret: x\n");

        Assert.Equal(
            ["the credentials file /etc/openstack/clouds.yaml (owner root, mode 0644) holds a password or application credential and is readable by group or others; fix: chmod go-rwx /etc/openstack/clouds.yaml"],
            fs.Judge("/etc/openstack/clouds.yaml", PathUse.Secret));
        Assert.Empty(fs.Judge("/etc/openstack/token-only.yaml", PathUse.Secret));
        Assert.Empty(fs.Judge("/etc/openstack/private.yaml", PathUse.Secret));
    }

    [Fact]
    public void A_link_or_a_second_name_in_place_of_a_state_file_is_refused()
    {
        var fs = Packaged().Link("/var/log/hpcmaint/audit.jsonl", "/etc/shadow").File("/var/lib/hpcmaint/state.json", mode: 0x1A0, links: 2);

        Assert.Equal(
            ["the state file /var/log/hpcmaint/audit.jsonl is a symbolic link (to /etc/shadow); hpcmaint writes its state only to a real file, as a link could send a root write anywhere; fix: rm /var/log/hpcmaint/audit.jsonl"],
            fs.Judge("/var/log/hpcmaint/audit.jsonl", PathUse.StateFile));
        Assert.Contains("has 2 hard links", Assert.Single(fs.Judge("/var/lib/hpcmaint/state.json", PathUse.StateFile)), StringComparison.Ordinal);
    }

    [Fact]
    public void A_state_directory_SlurmUser_owns_may_be_shared_but_not_used_privately_by_root()
    {
        var fs = Packaged().Directory("/var/lib/hpcmaint/reboot", owner: FakeFileSystem.Other, mode: Mode755);

        Assert.Empty(fs.Judge("/var/lib/hpcmaint/reboot", PathUse.StateDirectory));
        Assert.Empty(fs.Judge("/var/lib/hpcmaint/reboot", PathUse.PrivateDirectory, user: FakeFileSystem.Other));
        Assert.EndsWith("fix: chown root: /var/lib/hpcmaint/reboot", Assert.Single(fs.Judge("/var/lib/hpcmaint/reboot", PathUse.PrivateDirectory)), StringComparison.Ordinal);
    }
}
