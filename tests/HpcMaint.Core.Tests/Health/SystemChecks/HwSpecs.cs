using HpcMaint.Core.Health;

namespace HpcMaint.Core.Tests.Health.SystemChecks;

public sealed class HwSpecs
{
    private static FakeHostProbe Node(string cpuinfo = "cpuinfo_node-exporter-fixture.txt", string meminfo = "meminfo_node-exporter-fixture.txt") =>
        new FakeHostProbe()
            .WithFixture("/proc/cpuinfo", "Fixtures/procfs/" + cpuinfo)
            .WithFixture("/proc/meminfo", "Fixtures/procfs/" + meminfo);

    [Theory]
    [InlineData("cpuinfo_node-exporter-fixture.txt", "sockets = 1\ncores = 4\nthreads = 8\ncores_per_socket = 4")]
    [InlineData("cpuinfo_build-machine_2cpu.txt", "sockets = 1\ncores = 2\nthreads = 2")]
    public async Task A_cpu_with_the_expected_topology_passes(string cpuinfo, string toml)
    {
        var verdict = await SystemCheck.Run("hw.cpu", toml, Node(cpuinfo));

        Assert.Equal(CheckStatus.Pass, verdict.Status);
    }

    [Fact]
    public async Task Every_topology_mismatch_is_reported_in_one_verdict()
    {
        var verdict = await SystemCheck.Run("hw.cpu", "sockets = 2\ncores = 8\nthreads = 8", Node());

        Assert.Equal(CheckStatus.Fail, verdict.Status);
        Assert.Equal(["hpcmaint: hw.cpu: 1 socket vs 2 sockets", "hpcmaint: hw.cpu: 4 cores vs 8 cores"], verdict.Reasons());
    }

    [Fact]
    public async Task Without_physical_ids_in_cpuinfo_the_topology_comes_from_sysfs()
    {
        var probe = new FakeHostProbe().WithFile("/proc/cpuinfo", "processor\t: 0\nBogoMIPS\t: 50.00\n\nprocessor\t: 1\nBogoMIPS\t: 50.00\n");
        foreach (var (cpu, socket, core) in new[] { (0, 0, 0), (1, 0, 1), (2, 1, 0), (3, 1, 1) })
        {
            probe.WithFile($"/sys/devices/system/cpu/cpu{cpu}/topology/physical_package_id", $"{socket}\n")
                .WithFile($"/sys/devices/system/cpu/cpu{cpu}/topology/core_id", $"{core}\n");
        }

        probe.WithFile("/sys/devices/system/cpu/online", "0-3\n");

        var verdict = await SystemCheck.Run("hw.cpu", "sockets = 2\ncores = 4\nthreads = 4", probe);

        Assert.Equal(CheckStatus.Pass, verdict.Status);
    }

    [Fact]
    public async Task A_node_whose_topology_cannot_be_read_is_an_error()
    {
        var verdict = await SystemCheck.Run("hw.cpu", "sockets = 1", new FakeHostProbe());

        Assert.Equal(CheckStatus.Error, verdict.Status);
        Assert.Equal("hw.cpu", verdict.Findings.Single().Condition);
    }

    [Fact]
    public void A_socket_count_of_zero_is_a_config_error_at_its_line()
    {
        var errors = SystemCheck.Errors("hw.cpu", "threads = 8\nsockets = 0");

        Assert.Equal(["3: check.sockets: 0 is out of range; write a number between 1 and 1024"], errors);
    }

    [Theory]
    [InlineData("meminfo_node-exporter-fixture.txt", "physical = \"3.5GiB\"\nswap = \"4GiB\"")]
    [InlineData("meminfo_build-machine_24gib.txt", "physical = \"24GiB\"\nswap = 0\nmin_free = \"50%\"")]
    [InlineData("meminfo_16gb_procfs-fixture.txt", "physical = \"16GiB\"\ntolerance = \"7%\"")]
    public async Task Memory_within_the_tolerance_passes(string meminfo, string toml)
    {
        var verdict = await SystemCheck.Run("hw.memory", toml, Node(meminfo: meminfo));

        Assert.Equal(CheckStatus.Pass, verdict.Status);
    }

    [Fact]
    public async Task Missing_memory_and_swap_fail_as_separate_conditions()
    {
        var verdict = await SystemCheck.Run("hw.memory", "physical = \"16GiB\"\nswap = \"8GiB\"", Node(meminfo: "meminfo_16gb_procfs-fixture.txt"));

        Assert.Equal(CheckStatus.Fail, verdict.Status);
        Assert.Equal(
            ["hpcmaint: hw.memory: 14.9GiB RAM vs 16GiB within 5%", "hpcmaint: hw.swap: 0B swap vs 8GiB within 5%"],
            verdict.Reasons());
    }

    [Fact]
    public async Task A_tolerance_can_be_a_size()
    {
        var verdict = await SystemCheck.Run("hw.memory", "physical = \"16GiB\"\ntolerance = \"512MiB\"", Node(meminfo: "meminfo_16gb_procfs-fixture.txt"));

        Assert.Equal("hpcmaint: hw.memory: 14.9GiB RAM vs 16GiB within 512MiB", verdict.Reasons().Single());
    }

    [Fact]
    public async Task Low_available_memory_falls_back_to_memfree_on_old_kernels()
    {
        var verdict = await SystemCheck.Run("hw.memory", "min_free = \"5%\"", Node(meminfo: "meminfo_16gb_procfs-fixture.txt"));

        Assert.Equal("hpcmaint: hw.memory.free: 430MiB available vs >= 5%", verdict.Reasons().Single());
    }

    [Fact]
    public async Task Unreadable_meminfo_is_an_error()
    {
        var verdict = await SystemCheck.Run("hw.memory", "physical = \"16GiB\"", new FakeHostProbe());

        Assert.Equal(CheckStatus.Error, verdict.Status);
    }

    [Theory]
    [InlineData("physical = \"lots\"", "2: check.physical: expected a size such as")]
    [InlineData("physical = \"1GiB\"\ntolerance = \"150%\"", "3: check.tolerance: expected a percentage or a size")]
    public void A_wrong_size_is_a_config_error_at_its_line(string toml, string error)
    {
        var errors = SystemCheck.Errors("hw.memory", toml);

        Assert.StartsWith(error, Assert.Single(errors), StringComparison.Ordinal);
    }

    private static FakeHostProbe Edac(params (string Mc, int Ue, int Ce)[] controllers)
    {
        var probe = new FakeHostProbe();
        foreach (var (mc, ue, ce) in controllers)
        {
            probe.WithFile($"/sys/devices/system/edac/mc/{mc}/ue_count", $"{ue}\n")
                .WithFile($"/sys/devices/system/edac/mc/{mc}/ce_count", $"{ce}\n")
                .WithFile($"/sys/devices/system/edac/mc/{mc}/size_mb", "65536\n");
        }

        return probe.WithFile("/sys/devices/system/edac/mc/power/control", "auto\n");
    }

    [Fact]
    public async Task Correctable_errors_pass_unless_limited()
    {
        var verdict = await SystemCheck.Run("hw.mce", string.Empty, Edac(("mc0", 0, 12), ("mc1", 0, 0)));

        Assert.Equal(CheckStatus.Pass, verdict.Status);
    }

    [Fact]
    public async Task An_uncorrectable_memory_error_is_critical_and_needs_a_person()
    {
        var verdict = await SystemCheck.Run("hw.mce", "max_correctable = 10", Edac(("mc0", 0, 12), ("mc1", 2, 0)));

        Assert.Equal(CheckStatus.Fail, verdict.Status);
        Assert.Equal(["hpcmaint: hw.mce: 12 correctable on mc0 vs <= 10", "hpcmaint: hw.mce: 2 uncorrectable on mc1 vs <= 0"], verdict.Reasons());
        var uncorrectable = verdict.Findings[1];
        Assert.True(uncorrectable.Critical);
        Assert.Equal(LadderStep.Manual, uncorrectable.Remedy);
        Assert.False(verdict.Findings[0].Critical);
    }

    [Fact]
    public async Task A_node_without_edac_is_an_error()
    {
        var verdict = await SystemCheck.Run("hw.mce", string.Empty, new FakeHostProbe());

        Assert.Equal(CheckStatus.Error, verdict.Status);
    }
}
