using HpcMaint.Adapters.Cloud.Oci;

namespace HpcMaint.Adapters.Tests.Oci;

/// <summary>~/.oci/config read as the OCI SDKs read it (configparser: [DEFAULT] inherited), every problem at its file:line.</summary>
public sealed class OciConfigFileSpecs
{
    private const string File = "/home/op/.oci/config";

    private const string Sample = $"""
        [DEFAULT]
        user=ocid1.user.oc1..aaaaaaaat5nvwcna5j6aqzjcaty5eqbb6qt2jvpkanghtgdaqedqw3rynjq
        fingerprint={OciTestKeys.Fingerprint}
        key_file=~/.oci/oci_api_key.pem
        tenancy=ocid1.tenancy.oc1..aaaaaaaaba3pv6wkcr4jqae5f15p2b2m2yt2j6rx32uzr4h25vqstifsfdsq
        region=us-ashburn-1

        # the admin's own key, same tenancy
        [ADMIN_USER]
        User = ocid1.user.oc1..aaaaaaaaadminadminadminadminadminadminadminadminadmina
        fingerprint: 72:00:22:7f:d3:8b:47:a4:58:05:b8:95:84:31:dd:0e
        key_file=keys/admin_key.pem
        pass_phrase=s3cret
        ; region comes from [DEFAULT]
        """;

    [Fact]
    public void The_DEFAULT_profile_reads_every_key_and_expands_the_tilde()
    {
        var profile = OciConfigFile.Parse(File, Sample, OciConfigFile.DefaultProfile, "/home/op").Value;

        Assert.Equal(OciTestKeys.User, profile.User);
        Assert.Equal(OciTestKeys.Tenancy, profile.Tenancy);
        Assert.Equal("us-ashburn-1", profile.Region);
        Assert.Equal("/home/op/.oci/oci_api_key.pem", profile.KeyFile);
        Assert.Null(profile.PassPhrase);
        Assert.Equal($"{OciTestKeys.Tenancy}/{OciTestKeys.User}/{OciTestKeys.Fingerprint}", profile.KeyId);
    }

    [Fact]
    public void A_named_profile_inherits_DEFAULT_and_overrides_it_and_a_relative_key_file_is_beside_the_config()
    {
        var profile = OciConfigFile.Parse(File, Sample, "ADMIN_USER", "/home/op").Value;

        Assert.Equal("ocid1.user.oc1..aaaaaaaaadminadminadminadminadminadminadminadminadmina", profile.User);
        Assert.Equal("72:00:22:7f:d3:8b:47:a4:58:05:b8:95:84:31:dd:0e", profile.Fingerprint);
        Assert.Equal(OciTestKeys.Tenancy, profile.Tenancy);
        Assert.Equal("us-ashburn-1", profile.Region);
        Assert.Equal("/home/op/.oci/keys/admin_key.pem", profile.KeyFile);
        Assert.Equal("s3cret", profile.PassPhrase);
        Assert.DoesNotContain("s3cret", profile.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_profile_names_those_the_file_has()
    {
        var problem = OciConfigFile.Parse(File, Sample, "PROD", "/home/op").Problem!;

        Assert.Equal($"{File}: no profile [PROD]; the file has [DEFAULT], [ADMIN_USER]", problem.Words);
    }

    [Fact]
    public void A_missing_key_is_reported_at_the_profile_header_with_an_example()
    {
        var text = "[DEFAULT]\nuser=" + OciTestKeys.User + "\n\n[P]\nfingerprint=" + OciTestKeys.Fingerprint + "\nkey_file=/k.pem\nregion=us-ashburn-1\n";

        var problem = OciConfigFile.Parse(File, text, "P", null).Problem!;

        Assert.Equal($"{File}:4: tenancy: profile [P] has no tenancy: add tenancy=ocid1.tenancy.oc1..…", problem.Words);
    }

    [Theory]
    [InlineData("fingerprint=20:3B:97:13", 3, "fingerprint")]
    [InlineData("tenancy=my-tenancy", 5, "tenancy")]
    [InlineData("region=US Ashburn", 6, "region")]
    public void A_bad_value_is_reported_at_its_line(string replacement, int line, string key)
    {
        var lines = Sample.Split('\n');
        lines[line - 1] = replacement;

        var problem = OciConfigFile.Parse(File, string.Join('\n', lines), OciConfigFile.DefaultProfile, "/home/op").Problem!;

        Assert.StartsWith($"{File}:{line}: {key}: ", problem.Words, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("user=" + OciTestKeys.User + "\n[DEFAULT]", 1, "comes before any [PROFILE] header")]
    [InlineData("[DEFAULT]\nthis line has no value", 2, "expected key=value")]
    [InlineData("[DEFAULT]\nregion=a-b-1\nregion=c-d-1", 3, "is set twice in one profile (first on line 2)")]
    [InlineData("[DEFAULT]\n[DEFAULT]", 2, "the profile is written twice")]
    [InlineData("[DEFAULT\n", 1, "a profile header is [NAME]")]
    public void A_malformed_file_is_reported_at_the_line(string text, int line, string problem)
    {
        var words = OciConfigFile.Parse(File, text, OciConfigFile.DefaultProfile, null).Problem!.Words;

        Assert.StartsWith($"{File}:{line}: ", words, StringComparison.Ordinal);
        Assert.Contains(problem, words, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("key_content=-----BEGIN", "key_content")]
    [InlineData("security_token_file=~/.oci/sessions/x/token", "session-token profiles are not supported")]
    public void Profiles_hpcmaint_cannot_sign_with_are_refused(string line, string words)
    {
        var problem = OciConfigFile.Parse(File, Sample + "\n" + line, "ADMIN_USER", "/home/op").Problem!;

        Assert.Contains(words, problem.Words, StringComparison.Ordinal);
    }

    [Fact]
    public void A_tilde_key_file_without_HOME_asks_for_the_full_path()
    {
        var problem = OciConfigFile.Parse(File, Sample, OciConfigFile.DefaultProfile, null).Problem!;

        Assert.StartsWith($"{File}:4: key_file: ", problem.Words, StringComparison.Ordinal);
    }

    [Fact]
    public void Endpoints_follow_the_region_unless_overridden_and_carry_the_api_version()
    {
        var standard = OciEndpoints.ForRegion("us-ashburn-1");
        var privateOnes = OciEndpoints.ForRegion("us-ashburn-1", compute: "http://127.0.0.1:8080/", identity: "http://127.0.0.1:8081/20160918");

        Assert.Equal(("https://iaas.us-ashburn-1.oraclecloud.com/20160918", "https://identity.us-ashburn-1.oci.oraclecloud.com/20160918"), (standard.Compute.ToString(), standard.Identity.ToString()));
        Assert.Equal(("http://127.0.0.1:8080/20160918", "http://127.0.0.1:8081/20160918"), (privateOnes.Compute.ToString(), privateOnes.Identity.ToString()));
        Assert.Equal("https://iaas.eu-frankfurt-2.oraclecloud.eu/20160918", OciEndpoints.ForRegion("eu-frankfurt-2", "oraclecloud.eu").Compute.ToString());
    }
}
