using HpcMaint.Core.Rebuild;
using static HpcMaint.Core.Tests.Rebuild.RebuildCluster;

namespace HpcMaint.Core.Tests.Rebuild;

public sealed class PlanFactorySpecs
{
    [Fact]
    public void A_plan_carries_the_gate_and_sbatch_options_it_was_asked_for()
    {
        var request = new RebuildRequest(["n1", "n2"], "new", RebuildStrategy.Job, 50, "--partition batch")
        {
            Gate = ["/bin/sh", "-c", "sleep 30"],
            SbatchOptions = ["--time=10", "--qos=maint"],
        };

        var plan = PlanFactory.Create("rb-x", request, View(Nodes(2)), Settings, out _);

        Assert.Equal(["/bin/sh", "-c", "sleep 30"], plan.Gate);
        Assert.Equal(["--time=10", "--qos=maint"], plan.SbatchOptions);
        Assert.Equal(["/bin/sh", "-c", "sleep 30"], plan.GateOr(Settings));
    }

    [Fact]
    public void A_plan_made_without_a_gate_uses_the_configured_one_and_adds_no_option()
    {
        var request = new RebuildRequest(["n1"], "new", RebuildStrategy.Job, 50, "--nodes n1");

        var plan = PlanFactory.Create("rb-x", request, View(Nodes(2)), Settings with { Gate = ["/opt/site-gate"] }, out _);

        Assert.Null(plan.Gate);
        Assert.Equal(["/opt/site-gate"], plan.GateOr(Settings with { Gate = ["/opt/site-gate"] }));
        Assert.Empty(plan.SbatchOptions);
    }
}
