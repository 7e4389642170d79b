using HpcMaint.Adapters.Slurm;
using HpcMaint.Core.Slurm;
using HpcMaint.Integration.Tests.Testbed;

namespace HpcMaint.Integration.Tests.Slurm;

/// <summary>A reboot that never finishes, as Slurm reports it and as the adapter reads it back.</summary>
public sealed class RebootTimeoutSpecs
{
    [Fact]
    public async Task A_node_that_never_returns_from_a_reboot_ends_down_with_slurms_reboot_timed_out_reason()
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(3), TimeProvider.System);
        await using var cluster = await TestbedCluster.StartAsync(new TestbedOptions { Nodes = 2, ResumeTimeoutSeconds = 10 }, deadline.Token);
        cluster.SetRebootMode("n2", RebootMode.Never);
        var slurm = TestbedSlurm.Client(cluster);

        (await slurm.RebootAsync(["n2"], new RebootRequest(Reason: "hpcmaint: firmware"))).ShouldSucceed();
        Node? n2 = null;
        var down = await TestbedSlurm.Eventually(async () => (n2 = await slurm.NodeAsync("n2")).State.IsDown && !n2.State.IsRebootPending, seconds: 75);

        Assert.True(down, n2?.State.ToString());
        Assert.Equal("hpcmaint: firmware : reboot issued : reboot timed out", n2!.Reason);
        Assert.True(n2.State.IsUnavailable);
        Assert.Equal(1, cluster.RebootCount("n2"));
        Assert.Equal(NodeBaseState.Idle, (await slurm.NodeAsync("n1")).State.Base);
    }
}
