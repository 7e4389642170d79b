using HpcMaint.Core.Health;

namespace HpcMaint.Core.Tests.Health.SystemChecks;

public sealed class FsSpecs
{
    private static FakeHostProbe Mounts(string fixture) => new FakeHostProbe().WithFixture("/proc/mounts", "Fixtures/procfs/" + fixture);

    [Theory]
    [InlineData("mounts_lustre-client_go-lustre.txt", "path = \"/\"\nmode = \"rw\"\nfstype = \"ext4\"")]
    [InlineData("mounts_lustre-client_go-lustre.txt", "path = \"/mnt/lustre/\"\nfstype = \"lustre\"\nsource = \"10.0.2.15@tcp:/lustre\"")]
    [InlineData("mounts_lustre-client_go-lustre.txt", "path = \"/sys/fs/cgroup\"\nmode = \"ro\"")]
    [InlineData("mounts_gpfs-nfsroot_osc.txt", "path = \"/\"\nfstype = \"nfs\"\nmode = \"rw\"")]
    [InlineData("mounts_gpfs-nfsroot_osc.txt", "path = \"/fs/scratch\"\nfstype = \"gpfs\"")]
    public async Task A_filesystem_mounted_as_expected_passes(string fixture, string toml)
    {
        var verdict = await SystemCheck.Run("fs.mount", toml, Mounts(fixture));

        Assert.Equal(CheckStatus.Pass, verdict.Status);
    }

    [Fact]
    public async Task A_missing_mount_fails_naming_the_path()
    {
        var verdict = await SystemCheck.Run("fs.mount", "path = \"/fs/home\"\nfstype = \"gpfs\"", Mounts("mounts_gpfs-nfsroot_osc.txt"));

        Assert.Equal(CheckStatus.Fail, verdict.Status);
        Assert.Equal("hpcmaint: fs.mount: /fs/home not mounted vs mounted", verdict.Reasons().Single());
    }

    [Fact]
    public async Task A_wrong_type_and_mode_are_both_reported()
    {
        var verdict = await SystemCheck.Run("fs.mount", "path = \"/sys/fs/cgroup\"\nfstype = \"cgroup2\"\nmode = \"rw\"", Mounts("mounts_lustre-client_go-lustre.txt"));

        Assert.Equal(
            ["hpcmaint: fs.mount: /sys/fs/cgroup is tmpfs vs cgroup2", "hpcmaint: fs.mount: /sys/fs/cgroup mounted ro vs rw"],
            verdict.Reasons());
    }

    [Fact]
    public async Task A_root_remounted_read_only_fails()
    {
        var probe = Mounts("mounts_gpfs-nfsroot_osc.txt");
        var remounted = probe.ReadText("/proc/mounts")! + "root.domain:/root_rhel76_1 / nfs ro,relatime,vers=3 0 0\n";
        probe.WithFile("/proc/mounts", remounted);

        var verdict = await SystemCheck.Run("fs.mount", "path = \"/\"\nmode = \"rw\"", probe);

        Assert.Equal("hpcmaint: fs.mount: / mounted ro vs rw", verdict.Reasons().Single());
    }

    [Fact]
    public async Task Mount_points_with_escaped_spaces_are_found_by_their_real_name()
    {
        var probe = new FakeHostProbe().WithFile("/proc/mounts", "/dev/sdb1 /mnt/my\\040data\\134x ext4 rw,relatime 0 0\n");

        var verdict = await SystemCheck.Run("fs.mount", "path = \"/mnt/my data\\\\x\"\nfstype = \"ext4\"", probe);

        Assert.Equal(CheckStatus.Pass, verdict.Status);
    }

    [Fact]
    public async Task Unreadable_mounts_are_an_error()
    {
        var verdict = await SystemCheck.Run("fs.mount", "path = \"/\"", new FakeHostProbe());

        Assert.Equal(CheckStatus.Error, verdict.Status);
    }

    [Theory]
    [InlineData("path = \"scratch\"", "2: check.path: \"scratch\" is not an absolute path")]
    [InlineData("path = \"/\"\nmode = \"readwrite\"", "3: check.mode: \"readwrite\" is not one of \"rw\", \"ro\"")]
    public void Wrong_mount_settings_are_config_errors_at_their_line(string toml, string error)
    {
        var errors = SystemCheck.Errors("fs.mount", toml);

        Assert.StartsWith(error, Assert.Single(errors), StringComparison.Ordinal);
    }

    private static FakeHostProbe Space(long availableBytes, long availableInodes, long totalInodes = 1_000_000) =>
        new FakeHostProbe().WithSpace("/", new FileSystemSpace(100L << 30, availableBytes, totalInodes, availableInodes, ReadOnly: false));

    [Fact]
    public async Task Enough_space_and_inodes_pass()
    {
        var verdict = await SystemCheck.Run("fs.space", "path = \"/\"\nmin_free = \"3%\"\nmin_free_inodes = \"1%\"", Space(4L << 30, 20_000));

        Assert.Equal(CheckStatus.Pass, verdict.Status);
    }

    [Fact]
    public async Task Too_little_space_and_too_few_inodes_fail_with_the_shares()
    {
        var verdict = await SystemCheck.Run("fs.space", "path = \"/\"\nmin_free = \"3%\"\nmin_free_inodes = \"1%\"", Space((long)(2.99 * (1L << 30)), 5_000));

        Assert.Equal(CheckStatus.Fail, verdict.Status);
        Assert.Equal(["hpcmaint: fs.space: / 2.9% free vs >= 3%", "hpcmaint: fs.space: / 0.5% inodes free vs >= 1%"], verdict.Reasons());
    }

    [Fact]
    public async Task Limits_can_be_a_size_and_an_inode_count()
    {
        var verdict = await SystemCheck.Run("fs.space", "path = \"/\"\nmin_free = \"10GiB\"\nmin_free_inodes = \"6000\"", Space(4L << 30, 5_000));

        Assert.Equal(["hpcmaint: fs.space: / 4GiB free vs >= 10GiB", "hpcmaint: fs.space: / 5000 inodes free vs >= 6000"], verdict.Reasons());
    }

    [Fact]
    public async Task A_filesystem_without_an_inode_total_has_no_inodes_to_run_out_of()
    {
        var verdict = await SystemCheck.Run("fs.space", "path = \"/\"\nmin_free_inodes = \"1%\"", Space(4L << 30, 0, totalInodes: 0));

        Assert.Equal(CheckStatus.Pass, verdict.Status);
    }

    [Fact]
    public async Task A_filesystem_that_cannot_be_queried_is_an_error()
    {
        var verdict = await SystemCheck.Run("fs.space", "path = \"/scratch\"\nmin_free = \"3%\"", Space(4L << 30, 5_000));

        Assert.Equal(CheckStatus.Error, verdict.Status);
        Assert.Contains("/scratch", verdict.Findings.Single().Actual, StringComparison.Ordinal);
    }

    [Fact]
    public void A_share_that_is_not_a_number_is_a_config_error()
    {
        var errors = SystemCheck.Errors("fs.space", "path = \"/\"\nmin_free = \"a lot\"");

        Assert.StartsWith("3: check.min_free: expected a percentage or a size such as \"3%\" or \"10GiB\"", Assert.Single(errors), StringComparison.Ordinal);
    }

    private static FakeHostProbe Files() => new FakeHostProbe()
        .WithFile("/etc/slurm/slurm.conf", "ClusterName=c\n")
        .WithFile("/usr/sbin/slurmd", "binary", mode: 0b111_101_101)
        .WithFile("/etc/munge/munge.key", "k", mode: 0b100_000_000)
        .WithDirectory("/scratch");

    [Fact]
    public async Task Paths_that_pass_every_test_pass()
    {
        var toml = "paths = [\"/usr/sbin/slurmd\"]\ntests = [\"file\", \"executable\", \"readable\"]";

        var verdict = await SystemCheck.Run("fs.file", toml, Files());

        Assert.Equal(CheckStatus.Pass, verdict.Status);
    }

    [Fact]
    public async Task Each_failing_path_is_reported_with_its_first_failed_test()
    {
        var toml = "paths = [\"/etc/slurm/slurm.conf\", \"/scratch\", \"/etc/slurm/gres.conf\", \"/etc/munge/munge.key\"]\ntests = [\"file\", \"readable\", \"writable\"]";

        var verdict = await SystemCheck.Run("fs.file", toml, Files());

        Assert.Equal(
            [
                "hpcmaint: fs.file: /scratch is not a file vs file",
                "hpcmaint: fs.file: /etc/slurm/gres.conf missing vs file",
                "hpcmaint: fs.file: /etc/munge/munge.key not writable vs writable",
            ],
            verdict.Reasons());
    }

    [Fact]
    public async Task A_path_that_must_be_absent_fails_when_present()
    {
        var verdict = await SystemCheck.Run("fs.file", "paths = [\"/etc/nologin\", \"/scratch\"]\ntests = [\"absent\"]", Files().WithFile("/etc/nologin", "maintenance\n"));

        Assert.Equal(["hpcmaint: fs.file: /etc/nologin exists vs absent", "hpcmaint: fs.file: /scratch exists vs absent"], verdict.Reasons());
    }

    [Theory]
    [InlineData("paths = [\"/etc/hosts\"]\ntests = [\"exist\"]", "3: check.tests: \"exist\" is not one of")]
    [InlineData("paths = [\"etc/hosts\"]", "2: check.paths: \"etc/hosts\" is not an absolute path")]
    public void Wrong_file_tests_are_config_errors(string toml, string error)
    {
        var errors = SystemCheck.Errors("fs.file", toml);

        Assert.StartsWith(error, Assert.Single(errors), StringComparison.Ordinal);
    }
}
