using HpcMaint.Core.Rebuild;
using static HpcMaint.Core.Tests.Rebuild.RebuildCluster;

namespace HpcMaint.Core.Tests.Rebuild;

public sealed class GateVerdictSpecs
{
    private static readonly PlannedNode Gating = Plan(["n1"], strategy: RebuildStrategy.Drain).WithStep("n1", RebuildStep.Gating).Find("n1")!;

    [Fact]
    public void A_failed_gate_fails_the_node_at_once_and_drains_it_saying_why()
    {
        var (change, action) = GateVerdict.Ended(Plan(["n1"], strategy: RebuildStrategy.Drain), Gating, passed: false, "exit 1: GPU 3 missing", Now);

        Assert.Equal(RebuildStep.Failed, change!.After.Step);
        Assert.Equal(new RebuildAction.DrainFailed("n1", "gate failed: exit 1: GPU 3 missing"), action);
    }

    [Fact]
    public void A_passed_gate_resumes_the_node_first_and_is_done_only_when_the_resume_worked()
    {
        var (change, action) = GateVerdict.Ended(Plan(["n1"], strategy: RebuildStrategy.Drain), Gating, passed: true, "exit 0", Now);

        Assert.Null(change);
        Assert.Equal(new RebuildAction.Resume("n1"), action);
        Assert.Equal(RebuildStep.Done, GateVerdict.Resumed(Gating, controllerUnreachable: false, null, Now)!.After.Step);
        Assert.Equal("resume after the gate failed: Invalid node state", GateVerdict.Resumed(Gating, false, "Invalid node state", Now)!.Why);
    }

    [Fact]
    public void A_resume_slurmctld_did_not_answer_is_tried_again_later_not_failed() =>
        Assert.Null(GateVerdict.Resumed(Gating, controllerUnreachable: true, "slurmctld is unreachable", Now));
}
