using HpcMaint.Core.Reboot;
using HpcMaint.Core.Rebuild;
using HpcMaint.Core.Slurm;
using static HpcMaint.Core.Tests.Rebuild.RebuildCluster;

namespace HpcMaint.Core.Tests.Rebuild;

public sealed class BootWaitSpecs
{
    [Fact]
    public void A_node_hpcmaint_reboot_drained_after_a_failed_rebuild_will_not_boot()
    {
        var reason = RebootFailureReason.For(RebootMethod.OpenStackRebuild, "server s-1 went to ERROR: No valid host was found.");
        var node = Node("n1", State(NodeBaseState.Down, NodeFlags.Drain | NodeFlags.RebootIssued | NodeFlags.NotResponding), reason: reason);

        Assert.Equal("hpcmaint: rebuild: server s-1 went to ERROR: No valid host was found.", reason);
        Assert.True(BootWait.HasFailed(node));
    }

    [Theory]
    [InlineData("hpcmaint: rebuild image=v2")]
    [InlineData("hpcmaint: gpu.ecc: 3 vs 0")]
    [InlineData("NHC: rebuild: whatever")]
    public void Other_drains_are_not_a_failed_reboot(string reason)
    {
        var node = Node("n1", State(NodeBaseState.Idle, NodeFlags.Drain | NodeFlags.RebootIssued), reason: reason);

        Assert.False(BootWait.HasFailed(node));
        Assert.True(BootWait.IsBooting(node));
    }

    [Fact]
    public void A_failure_reason_on_a_node_no_longer_drained_is_history()
    {
        var reason = RebootFailureReason.For(RebootMethod.OpenStackSoftReboot, "timed out");

        Assert.False(BootWait.HasFailed(Node("n1", Idle, reason: reason)));
    }
}
