using HpcMaint.Core.Health;

namespace HpcMaint.Core.Tests.Health.SystemChecks;

public sealed class IbSpecs
{
    private const string Class = "/sys/class/infiniband";

    private static FakeHostProbe Node(string tree) => new FakeHostProbe().WithTree(Class, "Fixtures/ib/sysfs/" + tree);

    [Theory]
    [InlineData("gpud_h100-ndr_sys-class-infiniband", "min_rate = 200\nmin_ports = 9")]
    [InlineData("gpud_h100-ndr_sys-class-infiniband", "device = \"mlx5_0\"\nport = 1\nmin_rate = 400\nlink_layer = \"InfiniBand\"")]
    [InlineData("node-exporter_sys-class-infiniband", "min_rate = 10")]
    [InlineData("procfs_sys-class-infiniband", "device = \"mlx4_0\"\nlink_layer = \"InfiniBand\"\nmin_rate = 40")]
    public async Task Active_ports_at_the_expected_rate_pass(string tree, string toml)
    {
        var verdict = await SystemCheck.Run("ib.port", toml, Node(tree));

        Assert.Equal(CheckStatus.Pass, verdict.Status);
    }

    [Fact]
    public async Task The_ethernet_bond_fails_rate_and_link_layer_when_every_port_must_be_ndr_infiniband()
    {
        var verdict = await SystemCheck.Run("ib.port", "min_rate = 400\nlink_layer = \"InfiniBand\"", Node("gpud_h100-ndr_sys-class-infiniband"));

        Assert.Equal(
            ["hpcmaint: ib.port: mlx5_bond_0/1 200Gb/s vs >= 400Gb/s", "hpcmaint: ib.port: mlx5_bond_0/1 Ethernet vs InfiniBand"],
            verdict.Reasons());
    }

    [Fact]
    public async Task Ports_down_or_polling_fail_each_with_its_states()
    {
        var node = Node("gpud_h100-ndr_sys-class-infiniband")
            .WithFile($"{Class}/mlx5_4/ports/1/state", "1: DOWN\n")
            .WithFile($"{Class}/mlx5_4/ports/1/phys_state", "3: Disabled\n")
            .WithFile($"{Class}/mlx5_7/ports/1/state", "1: DOWN\n")
            .WithFile($"{Class}/mlx5_7/ports/1/phys_state", "2: Polling\n")
            .WithFile($"{Class}/mlx5_9/ports/1/state", "2: INIT\n");

        var verdict = await SystemCheck.Run("ib.port", string.Empty, node);

        Assert.Equal(
            [
                "hpcmaint: ib.port: mlx5_4/1 DOWN/Disabled vs ACTIVE/LinkUp",
                "hpcmaint: ib.port: mlx5_7/1 DOWN/Polling vs ACTIVE/LinkUp",
                "hpcmaint: ib.port: mlx5_9/1 INIT/LinkUp vs ACTIVE/LinkUp",
            ],
            verdict.Reasons());
    }

    [Fact]
    public async Task A_state_written_into_phys_state_is_not_mistaken_for_a_link()
    {
        var verdict = await SystemCheck.Run("ib.port", "device = \"mlx5_0\"", Node("procfs_sys-class-infiniband"));

        Assert.Equal("hpcmaint: ib.port: mlx5_0/1 ACTIVE/ACTIVE vs ACTIVE/LinkUp", verdict.Reasons().Single());
    }

    [Fact]
    public async Task A_rate_without_a_speed_name_is_still_read()
    {
        var verdict = await SystemCheck.Run("ib.port", "device = \"i40iw0\"\nmin_rate = 40", Node("node-exporter_sys-class-infiniband"));

        Assert.Equal("hpcmaint: ib.port: i40iw0/1 10Gb/s vs >= 40Gb/s", verdict.Reasons().Single());
    }

    [Fact]
    public async Task A_lost_hca_fails_by_name_or_by_count()
    {
        var byName = await SystemCheck.Run("ib.port", "device = \"mlx5_3\"", Node("gpud_h100-ndr_sys-class-infiniband"));
        var byCount = await SystemCheck.Run("ib.port", "min_ports = 10", Node("gpud_h100-ndr_sys-class-infiniband"));
        var byPort = await SystemCheck.Run("ib.port", "device = \"mlx5_0\"\nport = 2", Node("gpud_h100-ndr_sys-class-infiniband"));

        Assert.Equal("hpcmaint: ib.port: mlx5_3 missing vs present", byName.Reasons().Single());
        Assert.Equal("hpcmaint: ib.port: 9 IB ports vs >= 10", byCount.Reasons().Single());
        Assert.Equal("hpcmaint: ib.port: mlx5_0/2 missing vs present", byPort.Reasons().Single());
    }

    [Fact]
    public async Task A_node_without_any_rdma_device_fails()
    {
        var verdict = await SystemCheck.Run("ib.port", string.Empty, new FakeHostProbe());

        Assert.Equal("hpcmaint: ib.port: no IB device vs ACTIVE ports", verdict.Reasons().Single());
    }

    [Fact]
    public async Task A_port_whose_state_cannot_be_read_is_an_error()
    {
        var node = new FakeHostProbe().WithFile($"{Class}/mlx5_0/ports/1/rate", "400 Gb/sec (4X NDR)\n");

        var verdict = await SystemCheck.Run("ib.port", string.Empty, node);

        Assert.Equal(CheckStatus.Error, verdict.Status);
    }

    [Theory]
    [InlineData("link_layer = \"IB\"", "2: check.link_layer: \"IB\" is not one of \"InfiniBand\", \"Ethernet\"")]
    [InlineData("port = 0", "2: check.port: 0 is out of range; write a number between 1 and 255")]
    public void Wrong_port_settings_are_config_errors(string toml, string error)
    {
        Assert.Equal([error], SystemCheck.Errors("ib.port", toml));
    }
}
