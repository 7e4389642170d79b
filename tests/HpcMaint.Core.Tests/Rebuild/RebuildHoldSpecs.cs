using HpcMaint.Core.Health;
using HpcMaint.Core.Rebuild;
using HpcMaint.Core.Remediation;
using static HpcMaint.Core.Tests.Rebuild.RebuildCluster;

namespace HpcMaint.Core.Tests.Rebuild;

/// <summary>`hpcmaint hold` promises no rebuild: a held node is skipped, and says why.</summary>
public sealed class RebuildHoldSpecs
{
    private static string HeldRecord() => NodeRecordCodec.Encode(NodeRecord.Empty with { Hold = new Hold("BIOS update, ticket 4711", "alice", Now.AddHours(-1)) });

    [Fact]
    public void A_held_node_is_skipped_saying_who_held_it_and_why_and_the_others_are_admitted()
    {
        var nodes = Nodes(4);
        nodes[0] = Node("n1", comment: HeldRecord());

        var turn = RebuildStepper.Next(Plan(["n1", "n2", "n3", "n4"], maxDown: 50), View(nodes), Settings);

        var n1 = turn.Plan.Find("n1")!;
        Assert.Equal(RebuildStep.Skipped, n1.Step);
        Assert.Equal("held by alice since 2026-11-21 08:30:00Z (BIOS update, ticket 4711): not rebuilt", n1.Detail);
        Assert.Equal([new RebuildAction.Submit("n2", null), new RebuildAction.Submit("n3", null)], turn.Actions);
    }

    [Fact]
    public void A_node_held_while_the_plan_runs_is_not_submitted_from_then_on()
    {
        var plan = Plan(["n1", "n2"]).WithStep("n1", RebuildStep.Submitted, job: 7);
        var nodes = Nodes(4);
        nodes[1] = Node("n2", comment: HeldRecord());
        var done = Node("n1", image: "new");

        var turn = RebuildStepper.Next(plan, View([done, nodes[1], nodes[2], nodes[3]], [Job(7, "n1", "COMPLETED", "hpcmaint image=new plan=rb-test")]), Settings);

        Assert.Empty(turn.Actions);
        Assert.Equal(RebuildStep.Skipped, turn.Plan.Find("n2")!.Step);
        Assert.Equal(PlanStatus.Finished, turn.Plan.Status);
    }

    [Fact]
    public void The_hold_is_read_from_the_configured_record_field()
    {
        var nodes = Nodes(4);
        nodes[0] = nodes[0] with { Extra = HeldRecord() };
        var view = new ClusterView(nodes, [], [], nodes.ToDictionary(n => n.Name, FeatureImageSource.ImageOf), Now, RecordField.Extra);

        var turn = RebuildStepper.Next(Plan(["n1"]), view, Settings);

        Assert.Equal(RebuildStep.Skipped, turn.Plan.Find("n1")!.Step);
        Assert.Empty(turn.Actions);
    }
}
