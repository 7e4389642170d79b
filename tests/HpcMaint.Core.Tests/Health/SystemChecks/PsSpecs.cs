using HpcMaint.Core.Health;

namespace HpcMaint.Core.Tests.Health.SystemChecks;

public sealed class PsSpecs
{
    private const string Passwd = "root:x:0:0:root:/root:/bin/bash\nmunge:x:998:995:Runs Uid 'N' Gid Emporium:/run/munge:/sbin/nologin\nslurm:x:997:994::/var/lib/slurm:/sbin/nologin\nalice:x:1000:1000::/home/alice:/bin/bash\n";

    private static FakeHostProbe Node() => new FakeHostProbe()
        .WithFile("/etc/passwd", Passwd)
        .WithFile("/proc/meminfo", "MemTotal: 1 kB\n")
        .WithProcess(1, "systemd", 0, "/usr/lib/systemd/systemd\0--switched-root\0--system\0")
        .WithProcess(2, "kthreadd", 0, string.Empty)
        .WithProcess(812, "munged", 998, "/usr/sbin/munged\0")
        .WithProcess(1043, "slurmd", 0, "/usr/sbin/slurmd\0--systemd\0")
        .WithProcess(20931, "python3", 1000, "python3\0train.py\0");

    [Theory]
    [InlineData("name = \"munged\"\nuser = \"munge\"")]
    [InlineData("name = \"slurmd\"\nuser = \"0\"\ncmdline = \"--systemd\"")]
    [InlineData("name = \"systemd\"")]
    public async Task A_running_daemon_passes(string toml)
    {
        var verdict = await SystemCheck.Run("ps.running", toml, Node());

        Assert.Equal(CheckStatus.Pass, verdict.Status);
    }

    [Fact]
    public async Task A_dead_daemon_fails_naming_it()
    {
        var verdict = await SystemCheck.Run("ps.running", "name = \"sshd\"", Node());

        Assert.Equal(CheckStatus.Fail, verdict.Status);
        Assert.Equal("hpcmaint: ps.running: sshd not running vs running", verdict.Reasons().Single());
    }

    [Fact]
    public async Task A_daemon_that_exited_and_is_left_a_zombie_is_not_running()
    {
        var verdict = await SystemCheck.Run("ps.running", "name = \"testd\"", Node().WithProcess(4242, "testd", 0, "testd\0", zombie: true));

        Assert.Equal("hpcmaint: ps.running: testd not running (pid 4242 exited, not reaped) vs running", verdict.Reasons().Single());
    }

    [Fact]
    public async Task A_live_daemon_beside_a_zombie_of_the_same_name_passes()
    {
        var node = Node().WithProcess(4242, "testd", 0, "testd\0", zombie: true).WithProcess(4243, "testd", 0, "testd\0");

        Assert.Equal(CheckStatus.Pass, (await SystemCheck.Run("ps.running", "name = \"testd\"", node)).Status);
    }

    [Fact]
    public async Task A_zombie_of_a_forbidden_process_holds_nothing_and_passes()
    {
        var verdict = await SystemCheck.Run("ps.forbidden", "names = [\"xmrig\"]", Node().WithProcess(30001, "xmrig", 1000, "./xmrig\0", zombie: true));

        Assert.Equal(CheckStatus.Pass, verdict.Status);
    }

    [Fact]
    public async Task A_daemon_running_as_another_user_fails_with_its_uid()
    {
        var verdict = await SystemCheck.Run("ps.running", "name = \"munged\"\nuser = \"root\"", Node());

        Assert.Equal("hpcmaint: ps.running: munged runs as uid 998 vs running as root", verdict.Reasons().Single());
    }

    [Fact]
    public async Task A_daemon_without_the_expected_arguments_fails()
    {
        var verdict = await SystemCheck.Run("ps.running", "name = \"slurmd\"\ncmdline = \"-Z\"", Node());

        Assert.Equal("hpcmaint: ps.running: slurmd runs without \"-Z\" vs running", verdict.Reasons().Single());
    }

    [Fact]
    public async Task A_long_name_matches_the_fifteen_characters_the_kernel_keeps()
    {
        var verdict = await SystemCheck.Run("ps.running", "name = \"nvidia-persistenced\"", Node().WithProcess(901, "nvidia-persiste", 0, "/usr/bin/nvidia-persistenced\0"));

        Assert.Equal(CheckStatus.Pass, verdict.Status);
    }

    [Fact]
    public async Task An_unknown_user_is_an_error_not_a_dead_daemon()
    {
        var verdict = await SystemCheck.Run("ps.running", "name = \"munged\"\nuser = \"ldapuser\"", Node());

        Assert.Equal(CheckStatus.Error, verdict.Status);
        Assert.Equal("unknown user ldapuser", verdict.Findings.Single().Actual);
    }

    [Fact]
    public async Task Checks_of_one_run_list_proc_once_and_read_each_name_at_most_once()
    {
        var probe = new CountingProbe(Node());
        var munged = SystemCheck.Create("ps.running", "name = \"munged\"");
        var slurmd = SystemCheck.Create("ps.running", "name = \"slurmd\"");
        var forbidden = SystemCheck.Create("ps.forbidden", "names = [\"xmrig\"]");

        var verdicts = await Task.WhenAll(
            munged.RunAsync(probe, CancellationToken.None),
            slurmd.RunAsync(probe, CancellationToken.None),
            forbidden.RunAsync(probe, CancellationToken.None));

        Assert.All(verdicts, v => Assert.Equal(CheckStatus.Pass, v.Status));
        Assert.Equal(["/proc"], probe.Listings);
        var names = probe.Reads.Where(p => p.EndsWith("/comm", StringComparison.Ordinal)).ToArray();
        Assert.Equal(names.Distinct().Count(), names.Length);
        Assert.DoesNotContain(probe.Reads, p => p.EndsWith("/status", StringComparison.Ordinal) || p.EndsWith("/cmdline", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_daemon_found_early_does_not_read_every_process_name()
    {
        var probe = new CountingProbe(Node());

        await SystemCheck.Run("ps.running", "name = \"systemd\"", probe);

        Assert.Equal(["/proc/1/comm", "/proc/1/stat"], probe.Reads);
    }

    [Fact]
    public async Task A_forbidden_process_fails_with_its_pid()
    {
        var node = Node().WithProcess(30001, "xmrig", 1000, "./xmrig\0").WithProcess(30002, "xmrig", 1000, "./xmrig\0");

        var verdict = await SystemCheck.Run("ps.forbidden", "names = [\"xmrig\", \"gdb\"]", node);

        Assert.Equal(CheckStatus.Fail, verdict.Status);
        Assert.Equal("hpcmaint: ps.forbidden: 2 xmrig running (pid 30001...) vs not running", verdict.Reasons().Single());
    }

    [Fact]
    public async Task Forbidden_processes_of_ignored_users_pass()
    {
        var node = Node().WithProcess(30001, "gdb", 0, "gdb\0").WithProcess(30002, "gdb", 1000, "gdb\0");

        var ignoringRoot = await SystemCheck.Run("ps.forbidden", "names = [\"gdb\"]\nignore_users = [\"root\"]", node);
        var ignoringBoth = await SystemCheck.Run("ps.forbidden", "names = [\"gdb\"]\nignore_users = [\"root\", \"alice\"]", node);

        Assert.Equal("hpcmaint: ps.forbidden: gdb running (pid 30002) vs not running", ignoringRoot.Reasons().Single());
        Assert.Equal(CheckStatus.Pass, ignoringBoth.Status);
    }

    [Fact]
    public async Task A_node_whose_processes_cannot_be_listed_is_an_error()
    {
        var verdict = await SystemCheck.Run("ps.running", "name = \"slurmd\"", new FakeHostProbe());

        Assert.Equal(CheckStatus.Error, verdict.Status);
    }

    [Fact]
    public void A_path_instead_of_a_process_name_is_a_config_error()
    {
        var errors = SystemCheck.Errors("ps.running", "name = \"/usr/sbin/slurmd\"");

        Assert.StartsWith("2: check.name: \"/usr/sbin/slurmd\" is not a process name", Assert.Single(errors), StringComparison.Ordinal);
    }
}
