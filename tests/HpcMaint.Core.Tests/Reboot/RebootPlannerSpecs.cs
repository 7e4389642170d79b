using HpcMaint.Core.Config;
using HpcMaint.Core.Reboot;

namespace HpcMaint.Core.Tests.Reboot;

public sealed class RebootPlannerSpecs
{
    [Fact]
    public void Every_node_gets_the_configured_command_with_its_name_filled_in()
    {
        var settings = new RebootSettings { Command = ["/usr/bin/ipmitool", "-H", "{node}-bmc", "chassis", "power", "cycle"] };

        var plan = RebootPlanner.Plan(["gpu01", "gpu02"], settings);

        Assert.Equal(new[] { "gpu01", "gpu02" }, plan.Select(a => a.Node));
        Assert.Equal(new[] { "/usr/bin/ipmitool", "-H", "gpu02-bmc", "chassis", "power", "cycle" }, plan[1].Command);
        Assert.All(plan, a => Assert.Equal("os-reboot", a.Method));
    }

    [Fact]
    public void A_node_listed_twice_is_rebooted_once()
    {
        var plan = RebootPlanner.Plan(["n1", "n2", "n1"], new RebootSettings());

        Assert.Equal(new[] { "n1", "n2" }, plan.Select(a => a.Node));
        Assert.Equal(new[] { "/usr/sbin/reboot" }, plan[0].Command);
    }
}
