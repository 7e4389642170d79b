using HpcMaint.Adapters.Cloud.OpenStack;

namespace HpcMaint.Adapters.Tests.OpenStack;

public sealed class CloudsYamlSpecs : IDisposable
{
    private const string AppCredCloud = """
        clouds:
          openstack:
            auth_type: v3applicationcredential
            auth:
              auth_url: https://keystone.example.com:5000/v3
              application_credential_id: "423f19a4ac1e4f48bbb4180756e6eb6c"
              application_credential_secret: "rEaqvJka48mpv"
            region_name: RegionOne
            interface: internal
        """;

    private readonly string root = Directory.CreateTempSubdirectory("hpcmaint-clouds-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    [Fact]
    public void OS_CLIENT_CONFIG_FILE_wins_over_the_working_directory_home_and_system_files()
    {
        var explicitFile = Write("explicit/my-clouds.yaml", Named("from-variable"));
        Write("cwd/clouds.yaml", Named("from-cwd"));
        Write("home/.config/openstack/clouds.yaml", Named("from-home"));
        Write("etc/clouds.yaml", Named("from-etc"));

        var result = CloudsConfigLoader.Load(Environment(new() { ["OS_CLIENT_CONFIG_FILE"] = explicitFile }));

        Assert.Equal("from-variable", result.Cloud!.Name);
    }

    [Theory]
    [InlineData("cwd/clouds.yaml", "from-cwd")]
    [InlineData("home/.config/openstack/clouds.yml", "from-home")]
    [InlineData("etc/clouds.yaml", "from-etc")]
    public void Without_the_variable_the_first_file_in_search_order_is_read(string firstPresent, string expected)
    {
        Write(firstPresent, Named(expected));
        string[] later = ["cwd/clouds.yaml", "home/.config/openstack/clouds.yml", "etc/clouds.yaml"];
        foreach (var other in later.SkipWhile(p => p != firstPresent).Skip(1))
        {
            Write(other, Named("later-" + other.Replace('/', '-')));
        }

        var result = CloudsConfigLoader.Load(Environment([]));

        Assert.True(result.IsValid, string.Join('\n', result.Errors));
        Assert.Equal(expected, result.Cloud!.Name);
    }

    [Fact]
    public void No_file_anywhere_is_an_error_that_lists_where_it_looked()
    {
        var result = CloudsConfigLoader.Load(Environment([]));

        var error = Assert.Single(result.Errors);
        Assert.Contains(Path.Combine(root, "etc", "clouds.yaml"), error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void An_application_credential_cloud_is_read_with_region_and_interface()
    {
        var file = Write("cwd/clouds.yaml", AppCredCloud);

        var result = CloudsYamlReader.Read(file, File.ReadAllText(file), null);

        var cloud = result.Cloud!;
        Assert.Equal(CloudAuthType.ApplicationCredential, cloud.AuthType);
        Assert.Equal("423f19a4ac1e4f48bbb4180756e6eb6c", cloud.Auth.ApplicationCredentialId);
        Assert.Equal("rEaqvJka48mpv", cloud.Auth.ApplicationCredentialSecret);
        Assert.Equal(("RegionOne", "internal"), (cloud.RegionName, cloud.Interface));
    }

    [Fact]
    public void OS_CLOUD_picks_one_of_several_clouds_and_an_explicit_name_beats_it()
    {
        Write("cwd/clouds.yaml", """
            clouds:
              alpha: {auth: {auth_url: "http://a/v3", username: u, password: p, user_domain_name: Default, project_name: x, project_domain_name: Default}}
              beta:  {auth: {auth_url: "http://b/v3", user_id: u1, password: p, project_id: p1}}
            """);
        var environment = Environment(new() { ["OS_CLOUD"] = "beta" });

        Assert.Equal("http://b/v3", CloudsConfigLoader.Load(environment).Cloud!.Auth.AuthUrl);
        Assert.Equal("http://a/v3", CloudsConfigLoader.Load(environment, "alpha").Cloud!.Auth.AuthUrl);
    }

    [Fact]
    public void Several_clouds_and_no_name_is_an_error_naming_them()
    {
        var file = Write("cwd/clouds.yaml", Named("one").Replace("clouds:", "clouds:\n  two: {}", StringComparison.Ordinal));

        var result = CloudsYamlReader.Read(file, File.ReadAllText(file), null);

        var error = Assert.Single(result.Errors);
        Assert.Contains("two, one", error.Problem, StringComparison.Ordinal);
        Assert.Contains("OS_CLOUD", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Broken_yaml_is_reported_at_its_line()
    {
        var file = Write("cwd/clouds.yaml", "clouds:\n  a:\n    auth:\n      auth_url: [unclosed\n    region_name: R\n");

        var result = CloudsYamlReader.Read(file, File.ReadAllText(file), null);

        var error = Assert.Single(result.Errors);
        Assert.Equal(file, error.File);
        Assert.InRange(error.Line, 4, 6);
    }

    [Fact]
    public void Every_missing_or_wrong_key_is_reported_with_its_line()
    {
        var file = Write("cwd/clouds.yaml", """
            clouds:
              c:
                auth_type: token
                interface: publicURL
                auth:
                  auth_url: keystone.example.com
                  username: admin
            """);

        var result = CloudsYamlReader.Read(file, File.ReadAllText(file), null);

        var byKey = result.Errors.ToDictionary(e => e.Key, e => e.Line);
        Assert.Equal(3, byKey["clouds.c.auth_type"]);
        Assert.Equal(4, byKey["clouds.c.interface"]);
        Assert.Equal(6, byKey["clouds.c.auth.auth_url"]);
        Assert.Contains("clouds.c.auth.password", byKey.Keys);
        Assert.Contains("clouds.c.auth.user_domain_name", byKey.Keys);
        Assert.Contains("clouds.c.auth.project_name", byKey.Keys);
        Assert.All(result.Errors, e => Assert.Equal(file, e.File));
    }

    [Fact]
    public void A_clouds_json_is_read_like_yaml()
    {
        var file = Write("cwd/clouds.json", """{"clouds": {"j": {"auth_type": "v3applicationcredential", "auth": {"auth_url": "http://k:5000", "application_credential_id": "i", "application_credential_secret": "s"}}}}""");

        var result = CloudsConfigLoader.Load(Environment([]));

        Assert.Equal(file, result.Cloud!.SourceFile);
        Assert.Equal("j", result.Cloud.Name);
    }

    private static string Named(string name) => $$"""
        clouds:
          {{name}}:
            auth: {auth_url: "http://k/v3", user_id: u, password: p, project_id: x}
        """;

    private string Write(string relative, string text)
    {
        var path = Path.Combine(root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    private CloudsEnvironment Environment(Dictionary<string, string> variables) => new(
        name => variables.GetValueOrDefault(name),
        Path.Combine(root, "cwd"),
        Path.Combine(root, "home"),
        [Path.Combine(root, "etc")]);
}
