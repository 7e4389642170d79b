using HpcMaint.Adapters.Cloud.OpenStack;
using HpcMaint.Adapters.Tests.OpenStack.Support;
using HpcMaint.Core;
using HpcMaint.Core.Config;

namespace HpcMaint.Adapters.Tests.Cloud;

public sealed class OpenStackCloudSpecs : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("hpcmaint-openstack-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private CloudsEnvironment Nowhere => new(_ => null, dir, null, []);

    [Fact]
    public async Task The_configured_clouds_file_is_used_and_a_map_file_maps_nodes_to_servers()
    {
        await using var fake = await FakeCloudFixture.StartAsync();
        var clouds = Path.Combine(dir, "clouds.yaml");
        File.WriteAllText(clouds, fake.Server.CloudsYaml("site"));
        var map = Path.Combine(dir, "servers.map");
        File.WriteAllText(map, $"gpu7 {FakeCloudFixture.IdOf("n2")}\n");
        var settings = new OpenStackSettings { Cloud = "site", CloudsFile = clouds, ServerLookup = ServerLookup.Map, MapFile = map, SlotsDir = Path.Combine(dir, "slots") };

        var cloud = OpenStackCloud.Open(settings, Nowhere);
        using var _ = cloud.Value;
        var instance = await cloud.Value.FindInstanceAsync("gpu7", CancellationToken.None);

        Assert.Equal(FakeCloudFixture.IdOf("n2"), instance.Value.Id);
    }

    [Fact]
    public void A_missing_clouds_file_is_a_problem_that_names_it()
    {
        var missing = Path.Combine(dir, "nope.yaml");

        var cloud = OpenStackCloud.Open(new OpenStackSettings { CloudsFile = missing }, Nowhere);

        Assert.False(cloud.IsSuccess);
        Assert.Equal(ProblemKind.Invalid, cloud.Problem!.Kind);
        Assert.Contains(missing, cloud.Problem.Words, StringComparison.Ordinal);
    }

    [Fact]
    public void A_slot_directory_it_cannot_make_is_a_problem_that_names_it()
    {
        var clouds = Path.Combine(dir, "clouds.yaml");
        File.WriteAllText(clouds, """
            clouds:
              site:
                auth:
                  auth_url: http://127.0.0.1:9/v3
                  username: admin
                  password: secret
                  project_name: demo
                  user_domain_name: Default
                  project_domain_name: Default
            """);
        var blocker = Path.Combine(dir, "not-a-dir");
        File.WriteAllText(blocker, string.Empty);

        var cloud = OpenStackCloud.Open(new OpenStackSettings { CloudsFile = clouds, SlotsDir = Path.Combine(blocker, "slots") }, Nowhere);

        Assert.False(cloud.IsSuccess);
        Assert.StartsWith("[openstack] slots_dir: ", cloud.Problem!.Words, StringComparison.Ordinal);
        Assert.Contains(blocker, cloud.Problem.Words, StringComparison.Ordinal);
    }
}
