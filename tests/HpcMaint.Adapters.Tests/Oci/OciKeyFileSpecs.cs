using HpcMaint.Adapters.Cloud.Oci;

namespace HpcMaint.Adapters.Tests.Oci;

/// <summary>API key files as OCI users have them, and the ones hpcmaint must refuse.</summary>
public sealed class OciKeyFileSpecs : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("hpcmaint-oci-key-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [Theory]
    [InlineData("test-key-pkcs1.pem", null)]
    [InlineData("test-key-pkcs8.pem", null)]
    [InlineData("test-key-pkcs8-encrypted.pem", "hunter2")]
    public void A_private_key_file_in_each_format_loads_and_matches_its_fingerprint(string name, string? passPhrase)
    {
        var key = OciApiKey.Load(OciTestKeys.Install(name, dir), passPhrase, OciTestKeys.Fingerprint);

        Assert.True(key.IsSuccess, key.ToString());
        Assert.Equal(OciTestKeys.Fingerprint, OciApiKey.Fingerprint(key.Value));
    }

    [Theory]
    [InlineData(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead)]
    [InlineData(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead)]
    public void A_key_readable_by_group_or_others_is_refused_with_the_chmod_that_fixes_it(UnixFileMode mode)
    {
        var path = OciTestKeys.Install("test-key-pkcs1.pem", dir, mode);

        var key = OciApiKey.Load(path, null, null);

        Assert.False(key.IsSuccess);
        Assert.Contains($"the private key {path}", key.Problem!.Words, StringComparison.Ordinal);
        Assert.Contains($"chmod go-rwx {path}", key.Problem.Words, StringComparison.Ordinal);
    }

    [Fact]
    public void A_key_in_a_directory_others_can_write_is_refused()
    {
        var open = Directory.CreateDirectory(Path.Combine(dir, "open")).FullName;
        File.SetUnixFileMode(open, (UnixFileMode)0x1FF);
        var path = OciTestKeys.Install("test-key-pkcs1.pem", open);

        var key = OciApiKey.Load(path, null, null);

        Assert.Contains("chmod go-w " + open, key.Problem!.Words, StringComparison.Ordinal);
    }

    [Fact]
    public void A_key_that_is_not_the_profiles_fingerprint_is_refused_naming_both()
    {
        var key = OciApiKey.Load(OciTestKeys.Install("test-key-pkcs1.pem", dir), null, OciTestKeys.ExampleFingerprint);

        Assert.Contains($"has the fingerprint {OciTestKeys.Fingerprint}, but the profile says fingerprint={OciTestKeys.ExampleFingerprint}", key.Problem!.Words, StringComparison.Ordinal);
    }

    [Fact]
    public void An_encrypted_key_without_a_pass_phrase_or_with_a_wrong_one_is_a_clear_error()
    {
        var path = OciTestKeys.Install("test-key-pkcs8-encrypted.pem", dir);

        Assert.Contains("has no pass_phrase", OciApiKey.Load(path, null, null).Problem!.Words, StringComparison.Ordinal);
        Assert.Contains("cannot be decrypted with the profile's pass_phrase", OciApiKey.Load(path, "wrong", null).Problem!.Words, StringComparison.Ordinal);
    }

    [Fact]
    public void A_legacy_OpenSSL_encrypted_key_is_refused_with_the_conversion_command()
    {
        var key = OciApiKey.Load(OciTestKeys.Install("test-key-legacy-encrypted.pem", dir), "hunter2", null);

        Assert.Contains("openssl pkcs8 -topk8", key.Problem!.Words, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_that_is_no_private_key_and_a_missing_file_are_clear_errors()
    {
        var publicKey = OciTestKeys.Install("test-key-public.pem", dir);

        Assert.Contains("is not an RSA private key in PEM", OciApiKey.Load(publicKey, null, null).Problem!.Words, StringComparison.Ordinal);
        Assert.Contains("cannot be read", OciApiKey.Load(Path.Combine(dir, "absent.pem"), null, null).Problem!.Words, StringComparison.Ordinal);
    }
}
