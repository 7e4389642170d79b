using HpcMaint.Adapters.Cloud.OpenStack;
using HpcMaint.Adapters.Tests.OpenStack.Support;
using HpcMaint.FakeOpenStack;

namespace HpcMaint.Adapters.Tests.OpenStack;

public sealed class ServerLocatorSpecs
{
    [Fact]
    public void A_map_file_reads_pairs_and_reports_bad_lines_by_number()
    {
        var (good, none) = ServerMapFile.Parse("map", "# node server\nn1 id-1\nn2=id-2\n\nn3\tid-3  # rack 4\n");
        var (bad, errors) = ServerMapFile.Parse("map", "n1 id-1\nn2\nn1 id-9\n");

        Assert.Empty(none);
        Assert.Equal(["id-1", "id-2", "id-3"], good!.ServerIds.Values);
        Assert.Null(bad);
        Assert.Equal([("map", 2), ("map", 3)], errors.Select(e => (e.File, e.Line)));
    }

    [Fact]
    public async Task A_node_is_found_through_the_map_file()
    {
        await using var fake = await FakeCloudFixture.StartAsync();
        var (map, _) = ServerMapFile.Parse("map", $"node-a {FakeCloudFixture.IdOf("n3")}\n");
        var locator = new ServerLocator(fake.Client(), map!);

        var found = await locator.LocateAsync("node-a");
        var missing = await locator.LocateAsync("node-b");

        Assert.Equal("n3", found.Value.Name);
        Assert.Equal(OpenStackFailureKind.NotFound, missing.Failure!.Kind);
    }

    [Fact]
    public async Task A_node_is_found_by_a_metadata_key_on_its_server()
    {
        var servers = FakeCloudFixture.Names("vm-17", "vm-18");
        servers[1].Metadata["slurm_node"] = "gpu-2";
        await using var fake = await FakeCloudFixture.StartAsync(servers: servers);
        var locator = new ServerLocator(fake.Client(), new ServerMapping.ByMetadata("slurm_node"));

        var found = await locator.LocateAsync("gpu-2");

        Assert.Equal("vm-18", found.Value.Name);
    }

    [Fact]
    public async Task By_name_a_node_is_its_servers_name()
    {
        await using var fake = await FakeCloudFixture.StartAsync();
        var locator = new ServerLocator(fake.Client(), new ServerMapping.ByName());

        var found = await locator.LocateAsync("n10");

        Assert.Equal(FakeCloudFixture.IdOf("n10"), found.Value.Id);
    }
}
