using HpcMaint.Core.Rebuild;
using static HpcMaint.Core.Tests.Rebuild.RebuildCluster;

namespace HpcMaint.Core.Tests.Rebuild;

/// <summary>RebuildPlan.Find: indexed per node list, so every copy of a plan answers from its own nodes.</summary>
public sealed class PlanLookupSpecs
{
    [Fact]
    public void A_changed_copy_finds_its_own_node_and_the_original_still_finds_its_own()
    {
        var plan = Plan(["n1", "n2", "n3"]);
        Assert.Equal(RebuildStep.Waiting, plan.Find("n2")!.Step); // the original's index is built first

        var changed = plan.WithStep("n2", RebuildStep.Rebooting);
        var replaced = plan with { Nodes = [new PlannedNode("n9", RebuildStep.Done, Now)] };

        Assert.Equal(RebuildStep.Rebooting, changed.Find("n2")!.Step);
        Assert.Equal(RebuildStep.Waiting, plan.Find("n2")!.Step);
        Assert.Null(replaced.Find("n2"));
        Assert.Equal(RebuildStep.Done, replaced.Find("n9")!.Step);
        Assert.Null(plan.Find("n9"));
    }

    [Fact]
    public void A_name_is_found_exactly_as_written()
    {
        var plan = Plan(["gpu1", "gpu10"]);

        Assert.Null(plan.Find("GPU1"));
        Assert.Null(plan.Find("gpu"));
        Assert.Equal("gpu10", plan.Find("gpu10")!.Name);
    }
}
