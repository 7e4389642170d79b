using HpcMaint.Adapters.Processes;
using HpcMaint.Adapters.Slurm;
using HpcMaint.Core.Slurm;
using HpcMaint.Integration.Tests.Testbed;
using HpcMaint.Core.Config;

namespace HpcMaint.Integration.Tests.Slurm;

/// <summary>hpcmaint's Slurm adapter pointed at a testbed cluster.</summary>
internal static class TestbedSlurm
{
    public static SlurmClient Client(TestbedCluster cluster) =>
        new(new SlurmCommands(new SlurmSettings { Conf = cluster.SlurmConf, BinDir = cluster.SlurmBinDir }), new ProcessRunner(TimeProvider.System));

    public static async Task<Node> NodeAsync(this SlurmClient slurm, string name)
    {
        var nodes = await slurm.GetNodesAsync();
        Assert.True(nodes.IsSuccess, nodes.Error);
        return Assert.Single(nodes.Value, n => n.Name == name);
    }

    public static async Task<Job> JobAsync(this SlurmClient slurm, long id)
    {
        var jobs = await slurm.GetJobsAsync();
        Assert.True(jobs.IsSuccess, jobs.Error);
        return Assert.Single(jobs.Value, j => j.Id == id);
    }

    /// <summary>Back to plain IDLE: a resumed node shows NOT_RESPONDING ("idle*") for a moment.</summary>
    public static async Task WaitIdleAsync(this SlurmClient slurm, string node)
    {
        var idle = await Eventually(async () => (await slurm.NodeAsync(node)).State == new NodeState(NodeBaseState.Idle, NodeFlags.None));
        Assert.True(idle, $"{node} did not come back to IDLE: {(await slurm.NodeAsync(node)).State}");
    }

    public static void ShouldSucceed<T>(this SlurmResult<T> result) => Assert.True(result.IsSuccess, result.Error);

    public static Task<bool> Eventually(Func<Task<bool>> condition, int seconds = 30) =>
        TestbedCluster.WaitUntilAsync(condition, TimeSpan.FromSeconds(seconds));
}
