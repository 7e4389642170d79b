using HpcMaint.Core.Health;

namespace HpcMaint.Core.Tests.Health.SystemChecks;

public sealed class NetSpecs
{
    private static FakeHostProbe Node() => new FakeHostProbe().WithTree("/sys/class/net", "Fixtures/net/build-machine_sys-class-net");

    [Theory]
    [InlineData("interface = \"eth0\"\nmtu = 1400")]
    [InlineData("interface = \"lo\"\nmtu = 65536")]
    public async Task A_link_that_is_up_passes(string toml)
    {
        var verdict = await SystemCheck.Run("net.link", toml, Node());

        Assert.Equal(CheckStatus.Pass, verdict.Status);
    }

    [Fact]
    public async Task A_missing_interface_fails_because_its_absence_is_the_fault()
    {
        var verdict = await SystemCheck.Run("net.link", "interface = \"ib0\"", Node());

        Assert.Equal(CheckStatus.Fail, verdict.Status);
        Assert.Equal("hpcmaint: net.link: ib0 missing vs present", verdict.Reasons().Single());
    }

    [Fact]
    public async Task A_down_link_with_the_wrong_mtu_and_no_speed_reports_all_three()
    {
        var node = Node().WithFile("/sys/class/net/eth0/operstate", "down\n").WithFile("/sys/class/net/eth0/carrier", "0\n");

        var verdict = await SystemCheck.Run("net.link", "interface = \"eth0\"\nmin_speed = 25000\nmtu = 9000", node);

        Assert.Equal(
            [
                "hpcmaint: net.link: eth0 down vs up",
                "hpcmaint: net.link: eth0 speed unknown vs >= 25000Mb/s",
                "hpcmaint: net.link: eth0 mtu 1400 vs mtu 9000",
            ],
            verdict.Reasons());
    }

    [Fact]
    public async Task A_link_slower_than_asked_fails_with_its_speed()
    {
        var node = Node().WithFile("/sys/class/net/eth0/speed", "10000\n");

        var verdict = await SystemCheck.Run("net.link", "interface = \"eth0\"\nmin_speed = 25000", node);

        Assert.Equal("hpcmaint: net.link: eth0 10000Mb/s vs >= 25000Mb/s", verdict.Reasons().Single());
    }

    [Fact]
    public async Task Unknown_operstate_without_carrier_is_down()
    {
        var node = Node().WithFile("/sys/class/net/lo/carrier", "0\n");

        var verdict = await SystemCheck.Run("net.link", "interface = \"lo\"", node);

        Assert.Equal("hpcmaint: net.link: lo unknown vs up", verdict.Reasons().Single());
    }

    [Fact]
    public void An_interface_name_with_a_slash_is_a_config_error()
    {
        var errors = SystemCheck.Errors("net.link", "interface = \"../eth0\"");

        Assert.Equal(["2: check.interface: \"../eth0\" is not a device or interface name"], errors);
    }

    [Fact]
    public async Task A_reachable_service_passes()
    {
        var verdict = await SystemCheck.Run("net.reach", "host = \"nfs1\"\nport = 2049", new FakeHostProbe().WithEndpoint("nfs1", 2049));

        Assert.Equal(CheckStatus.Pass, verdict.Status);
    }

    [Fact]
    public async Task An_unreachable_service_fails_with_what_went_wrong()
    {
        var verdict = await SystemCheck.Run("net.reach", "host = \"nfs1\"\nport = 2049\nconnect_timeout = \"500ms\"", new FakeHostProbe());

        Assert.Equal("hpcmaint: net.reach: nfs1:2049 connection refused vs reachable", verdict.Reasons().Single());
    }

    [Fact]
    public void A_host_without_a_port_is_a_config_error_naming_the_port()
    {
        var errors = SystemCheck.Errors("net.reach", "host = \"nfs1\"");

        Assert.Equal(["1: check.port: no port: write port = 2049"], errors);
    }

    [Fact]
    public void A_port_out_of_range_is_a_config_error()
    {
        var errors = SystemCheck.Errors("net.reach", "host = \"nfs1\"\nport = 70000");

        Assert.Equal(["3: check.port: 70000 is out of range; write a number between 1 and 65535"], errors);
    }
}
