using HpcMaint.Integration.Tests.Testbed;

namespace HpcMaint.Integration.Tests.CloudMaintenance;

/// <summary>
/// One 4-node testbed for every OCI maintenance spec (a start costs more than most specs): each spec starts
/// from <see cref="ResetAsync"/>, every node idle, no job, no drain, no ticket left by the one before.
/// </summary>
public sealed class OciTestbed : IAsyncLifetime
{
    private TestbedCluster? cluster;

    public TestbedCluster Cluster => cluster ?? throw new InvalidOperationException("the testbed is not started");

    public async Task InitializeAsync()
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(5), TimeProvider.System);
        var dir = Directory.CreateTempSubdirectory("hpcmaint-testbed-").FullName;
        cluster = await TestbedCluster.StartAsync(new TestbedOptions { Directory = dir }, deadline.Token);
    }

    /// <summary>Cancels every job, resumes every node and clears its comment (a failed gate's ticket), then waits until all are idle.</summary>
    public async Task ResetAsync()
    {
        var jobs = await Cluster.RunClientAsync("squeue", "-h", "-o", "%i");
        foreach (var job in jobs.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            await Cluster.RunClientAsync("scancel", job);
        }

        var states = await Cluster.NodeStatesAsync();
        foreach (var node in Cluster.NodeNames)
        {
            if (states.GetValueOrDefault(node) is { } state && state != "idle")
            {
                await Cluster.RunClientAsync("scontrol", "update", $"nodename={node}", "state=resume");
            }

            await Cluster.RunClientAsync("scontrol", "update", $"nodename={node}", "comment=");
        }

        Assert.True(await TestbedCluster.WaitUntilAsync(Cluster.AllNodesIdleAsync, TimeSpan.FromSeconds(60)),
            "the testbed did not come back to all idle: " + string.Join(", ", await Cluster.NodeStatesAsync()));
    }

    public async Task DisposeAsync()
    {
        if (cluster is not null)
        {
            await cluster.DisposeAsync();
        }
    }
}

/// <summary>The OCI maintenance specs share one <see cref="OciTestbed"/> and run one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class OciTestbedCollection : ICollectionFixture<OciTestbed>
{
    public const string Name = "oci-testbed";
}
