namespace HpcMaint.Adapters.Cloud.Oci;

/// <summary>One profile of an OCI config file (API-key auth): who signs, with which key, in which region.</summary>
public sealed record OciProfile(
    string Name,
    string User,
    string Fingerprint,
    string KeyFile,
    string Tenancy,
    string Region,
    string? PassPhrase,
    string SourceFile)
{
    /// <summary>The keyId of an API-key signature: tenancy/user/fingerprint.</summary>
    public string KeyId => $"{Tenancy}/{User}/{Fingerprint}";

    /// <summary>The pass phrase stays out of logs and test output.</summary>
    public override string ToString() =>
        $"[{Name}] in {SourceFile}: user={User} tenancy={Tenancy} region={Region} key_file={KeyFile} fingerprint={Fingerprint}{(PassPhrase is null ? "" : " pass_phrase=***")}";
}
