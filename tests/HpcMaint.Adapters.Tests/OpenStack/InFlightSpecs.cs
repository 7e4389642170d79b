using HpcMaint.Adapters.Tests.OpenStack.Support;
using HpcMaint.FakeOpenStack;

namespace HpcMaint.Adapters.Tests.OpenStack;

public sealed class InFlightSpecs
{
    [Fact]
    public async Task Thirty_rebuilds_under_a_limit_of_ten_never_run_more_than_ten_at_once_and_each_node_is_rebuilt_once()
    {
        var names = Enumerable.Range(1, 30).Select(i => $"n{i}").ToArray();
        await using var fake = await FakeCloudFixture.StartAsync(
            new FakeOptions { RebuildPhase = TimeSpan.FromMilliseconds(150) },
            FakeCloudFixture.Names(names));
        var client = fake.Client(options: FakeCloudFixture.FastOptions with { MaxInFlight = 10 });

        var results = await Task.WhenAll(names.Select(n =>
            client.RebuildAndWaitAsync(FakeCloudFixture.IdOf(n), FakeCloudFixture.NewImage, TimeSpan.FromSeconds(30))));

        Assert.All(results, r => Assert.True(r.Succeeded, r.ToString()));
        var log = fake.Cloud.Log();
        Assert.InRange(log.MaxRebuilds, 2, 10);
        Assert.Equal(30, log.RebuildsPerServer.Count);
        Assert.All(log.RebuildsPerServer.Values, count => Assert.Equal(1, count));
        Assert.True(log.MaxRequests <= 10, $"{log.MaxRequests} requests at once");
    }

    [Fact]
    public async Task Rebuilds_are_not_held_back_below_the_limit()
    {
        var names = Enumerable.Range(1, 10).Select(i => $"n{i}").ToArray();
        await using var fake = await FakeCloudFixture.StartAsync(
            new FakeOptions { RebuildPhase = TimeSpan.FromMilliseconds(500) },
            FakeCloudFixture.Names(names));
        var client = fake.Client(options: FakeCloudFixture.FastOptions with { MaxInFlight = 10 });
        await client.AuthenticateAsync();

        await Task.WhenAll(names.Select(n => client.RebuildAndWaitAsync(FakeCloudFixture.IdOf(n), FakeCloudFixture.NewImage, TimeSpan.FromSeconds(30))));

        Assert.Equal(10, fake.Cloud.Log().MaxRebuilds);
    }

    [Fact]
    public async Task Clients_sharing_a_slot_directory_never_run_more_rebuilds_together_than_its_slots()
    {
        var names = Enumerable.Range(1, 12).Select(i => $"n{i}").ToArray();
        var dir = Directory.CreateTempSubdirectory("hpcmaint-slots-").FullName;
        await using var fake = await FakeCloudFixture.StartAsync(
            new FakeOptions { RebuildPhase = TimeSpan.FromMilliseconds(150) },
            FakeCloudFixture.Names(names));
        var slots = HpcMaint.Adapters.Files.SlotDirectory.Open(dir, 3, TimeProvider.System).Value;
        var clients = Enumerable.Range(0, 4).Select(_ => fake.Client(options: FakeCloudFixture.FastOptions with { MaxInFlight = 3, SharedSlots = slots })).ToArray();

        var results = await Task.WhenAll(names.Select((n, i) =>
            clients[i % clients.Length].RebuildAndWaitAsync(FakeCloudFixture.IdOf(n), FakeCloudFixture.NewImage, TimeSpan.FromSeconds(30))));

        Directory.Delete(dir, recursive: true);
        Assert.All(results, r => Assert.True(r.Succeeded, r.ToString()));
        Assert.InRange(fake.Cloud.Log().MaxRebuilds, 2, 3);
    }
}
