
namespace HpcMaint.Integration.Tests.Testbed;

/// <summary>One default 4-node testbed shared by the tests of the "testbed" collection.</summary>
public sealed class SharedTestbed : IAsyncLifetime
{
    private TestbedCluster? cluster;

    public TestbedCluster Cluster => cluster ?? throw new InvalidOperationException("the testbed is not started");

    public async Task InitializeAsync()
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(5), TimeProvider.System);
        cluster = await TestbedCluster.StartAsync(new TestbedOptions(), deadline.Token);
    }

    public async Task DisposeAsync()
    {
        if (cluster is not null)
        {
            await cluster.DisposeAsync();
        }
    }
}

/// <summary>Tests in this collection share one <see cref="SharedTestbed"/> and run one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class TestbedCollection : ICollectionFixture<SharedTestbed>
{
    public const string Name = "testbed";
}
