using HpcMaint.Core.Health;
using HpcMaint.Core.Rebuild;
using HpcMaint.Core.Remediation;
using HpcMaint.Core.Slurm;
using static HpcMaint.Core.Tests.Rebuild.RebuildCluster;

namespace HpcMaint.Core.Tests.Rebuild;

public sealed class FailedRebuildDrainSpecs
{
    [Fact]
    public void A_node_in_service_is_drained_with_an_hpcmaint_reason_and_a_ticket_at_the_manual_step()
    {
        var decision = FailedRebuildDrain.Decide(Node("n1"), NodeRecord.Empty, "job 7 ended FAILED", Now);

        Assert.Equal("hpcmaint: manual: rebuild.gate: job 7 ended FAILED", decision.Reason);
        var ticket = decision.Record!.Ticket!;
        Assert.Equal(("rebuild.gate", LadderStep.Manual, Now), (ticket.Condition, ticket.Step, ticket.Opened));
    }

    [Fact]
    public void A_node_drained_by_the_rebuild_itself_gets_the_reason_and_ticket_too()
    {
        var drained = Node("n1", State(NodeBaseState.Idle, NodeFlags.Drain), reason: "hpcmaint: rebuild image=new");

        var decision = FailedRebuildDrain.Decide(drained, NodeRecord.Empty, "gate failed: exit 1", Now);

        Assert.Equal("hpcmaint: manual: rebuild.gate: gate failed: exit 1", decision.Reason);
        Assert.NotNull(decision.Record!.Ticket);
    }

    [Fact]
    public void A_node_hpcmaint_reboot_drained_for_a_failed_rebuild_keeps_that_reason_and_gets_the_ticket()
    {
        var failed = Node("n1", State(NodeBaseState.Idle, NodeFlags.Drain), reason: "hpcmaint: rebuild: No valid host was found.");

        var decision = FailedRebuildDrain.Decide(failed, NodeRecord.Empty, "job 7 ended FAILED", Now);

        Assert.Null(decision.Reason);
        Assert.Equal("rebuild.gate", decision.Record!.Ticket!.Condition);
    }

    [Fact]
    public void A_node_hpcmaint_verify_already_drained_with_a_ticket_is_left_as_it_is()
    {
        var verified = Node("n1", State(NodeBaseState.Idle, NodeFlags.Drain), reason: "hpcmaint: fs.mount: /scratch not mounted vs mounted");
        var record = NodeRecord.Empty with { Ticket = new Ticket("fs.mount", "scratch", LadderStep.Reboot, Now, Now, []) };

        var decision = FailedRebuildDrain.Decide(verified, record, "job 7 ended FAILED", Now);

        Assert.Equal((null, null), (decision.Reason, decision.Record));
        Assert.Contains("already drained by hpcmaint with a ticket for fs.mount", decision.Why, StringComparison.Ordinal);
    }

    [Fact]
    public void A_drain_someone_else_set_is_left_alone()
    {
        var theirs = Node("n1", State(NodeBaseState.Idle, NodeFlags.Drain), reason: "bad DIMM -- bob");

        var decision = FailedRebuildDrain.Decide(theirs, NodeRecord.Empty, "job 7 ended FAILED", Now);

        Assert.Equal((null, null), (decision.Reason, decision.Record));
    }

    [Fact]
    public void A_record_hpcmaint_cannot_read_still_drains_without_a_ticket()
    {
        var decision = FailedRebuildDrain.Decide(Node("n1"), null, "job 7 ended FAILED", Now);

        Assert.Equal("hpcmaint: manual: rebuild.gate: job 7 ended FAILED", decision.Reason);
        Assert.Null(decision.Record);
    }
}
