using HpcMaint.Core;
using HpcMaint.Core.Cloud;
using HpcMaint.Core.Config;
using HpcMaint.Core.Rebuild;

namespace HpcMaint.Adapters.Cloud.Oci;

/// <summary>
/// [oci] behind the cloud seam: the profile from the OCI config file, the node ↔ instance mapping, Compute's
/// instances. A reboot is InstanceAction SOFTRESET (or RESET), followed until the instance is RUNNING
/// again within [oci] reboot_timeout. Rebuilding through OCI is not in scope: it is refused with what
/// to use instead. Instance principals are not offered (no metadata service to test against here).
/// </summary>
public sealed class OciCloud : ICloud
{
    public const string RebuildRefusal =
        "OCI rebuild: not supported; use [rebuild] command (a site reimage script) for OCI nodes, or a reboot";

    private readonly OciClient client;
    private readonly OciInstanceMapping mapping;
    private readonly OciSettings settings;
    private readonly string tenancy;
    private Task<Result<IReadOnlyList<string>>>? compartments;

    private OciCloud(OciClient client, OciInstanceMapping mapping, OciSettings settings, string tenancy)
    {
        this.client = client;
        this.mapping = mapping;
        this.settings = settings;
        this.tenancy = tenancy;
    }

    public string Name => "oci";

    public bool HardReboots => settings.HardReboot;

    public OciClient Client => client;

    public OciInstanceMapping Mapping => mapping;

    /// <summary>Where the maintenance flow lists events: [oci] compartment, else the tenancy and every compartment under it.</summary>
    public Task<Result<IReadOnlyList<string>>> ScopesAsync(CancellationToken cancellationToken) => CompartmentsAsync(cancellationToken);

    /// <summary>Every problem is a value: the config file at its file:line, the key file with its fix.</summary>
    public static Result<OciCloud> Open(OciSettings settings, string? home, OciClientOptions? options = null, TimeProvider? time = null)
    {
        var file = settings.ConfigFile ?? (home is null ? null : Path.Join(home, ".oci", "config"));
        if (file is null)
        {
            return Problem.Invalid("[oci] config_file is not set and HOME is not set either: write config_file = \"/root/.oci/config\"");
        }

        var profile = OciConfigFile.Load(file, settings.Profile, home);
        if (!profile.IsSuccess)
        {
            return profile.Problem!;
        }

        var mapped = OciInstanceMapping.For(settings);
        if (!mapped.IsSuccess)
        {
            return mapped.Problem!;
        }

        var key = OciApiKey.Load(profile.Value.KeyFile, profile.Value.PassPhrase, profile.Value.Fingerprint);
        if (!key.IsSuccess)
        {
            return key.Problem!.Prefixed($"profile [{settings.Profile}] of {file}: ");
        }

        var endpoints = OciEndpoints.ForRegion(profile.Value.Region, settings.Domain, settings.ComputeEndpoint, settings.IdentityEndpoint);
        var client = new OciClient(endpoints, new OciRequestSigner(profile.Value.KeyId, key.Value), options, time);
        return new OciCloud(client, mapped.Value, settings, profile.Value.Tenancy);
    }

    /// <summary>The instance of <paramref name="node"/>: exactly one that is not terminated, else why not.</summary>
    public async Task<Result<CloudInstance>> FindInstanceAsync(string node, CancellationToken cancellationToken)
    {
        var found = await FindAsync(node, cancellationToken).ConfigureAwait(false);
        return found.Map(Instance);
    }

    public async Task<Result<OciInstance>> FindAsync(string node, CancellationToken cancellationToken)
    {
        if (mapping is OciInstanceMapping.ByFile byFile)
        {
            if (!byFile.InstanceIds.TryGetValue(node, out var id))
            {
                return new Problem(ProblemKind.NotFound, $"node {node} is not in {byFile.File}");
            }

            var instance = await client.GetInstanceAsync(id, cancellationToken).ConfigureAwait(false);
            return !instance.IsSuccess ? instance
                : mapping.NodeOf(instance.Value) is { IsSuccess: false } twice ? twice.Problem!
                : instance;
        }

        var scopes = await CompartmentsAsync(cancellationToken).ConfigureAwait(false);
        if (!scopes.IsSuccess)
        {
            return scopes.Problem!;
        }

        var matches = new List<OciInstance>();
        foreach (var compartment in scopes.Value)
        {
            var listed = await client.ListInstancesAsync(compartment, mapping is OciInstanceMapping.ByDisplayName ? node : null, cancellationToken).ConfigureAwait(false);
            if (!listed.IsSuccess)
            {
                return listed.Problem!;
            }

            matches.AddRange(listed.Value.Where(i => !i.IsGone && mapping.Matches(i, node)));
        }

        var how = mapping is OciInstanceMapping.ByTag tag ? $"with freeform tag {tag.Key}={node}" : $"named {node}";
        return matches switch
        {
            [var one] => one,
            [] => new Problem(ProblemKind.NotFound, $"no instance {how} in {Scope()}"),
            _ => new Problem(ProblemKind.Ambiguous, $"{matches.Count} instances {how}: {string.Join(", ", matches.Select(m => m.Id))}; node {node} must map to one"),
        };
    }

    public Task<Result<IReadOnlyDictionary<string, NodeImage>>> ImagesAsync(IReadOnlyList<string> nodes, CancellationToken cancellationToken) =>
        Task.FromResult<Result<IReadOnlyDictionary<string, NodeImage>>>(Problem.Invalid(RebuildRefusal));

    /// <summary>SOFTRESET or RESET with a fresh retry token, then the instance followed to RUNNING.</summary>
    public async Task<Result<CloudOperation>> RebootAsync(CloudInstance instance, bool hard, CancellationToken cancellationToken)
    {
        var reset = await client.ResetAsync(instance.Id, hard ? OciResetType.Hard : OciResetType.Soft, OciClient.NewRetryToken(), cancellationToken).ConfigureAwait(false);
        if (!reset.IsSuccess)
        {
            return reset.Problem!;
        }

        var running = await client.WaitUntilRunningAsync(instance.Id, settings.RebootTimeout, cancellationToken).ConfigureAwait(false);
        return running.IsSuccess
            ? new CloudOperation(instance.Id, reset.Value.Action, reset.Value.RequestId)
            : running.Problem!.Prefixed($"{reset.Value.Action} accepted (opc-request-id {reset.Value.RequestId}), but ");
    }

    public Task<Result<CloudOperation>> RebuildAsync(CloudInstance instance, string image, CancellationToken cancellationToken) =>
        Task.FromResult<Result<CloudOperation>>(new Problem(ProblemKind.Refused, RebuildRefusal));

    public async Task<Result<CloudInstance>> FollowAsync(CloudOperation operation, CancellationToken cancellationToken)
    {
        var instance = await client.GetInstanceAsync(operation.InstanceId, cancellationToken).ConfigureAwait(false);
        return instance.Map(Instance);
    }

    public void Dispose() => client.Dispose();

    private static CloudInstance Instance(OciInstance instance) => new(instance.Id, instance.ImageId, instance.LifecycleState);

    private string Scope() => settings.Compartment is { } one ? $"compartment {one}" : $"tenancy {tenancy} or any compartment under it";

    /// <summary>[oci] compartment, else the tenancy and its whole subtree (read once per cloud).</summary>
    private Task<Result<IReadOnlyList<string>>> CompartmentsAsync(CancellationToken cancellationToken)
    {
        if (settings.Compartment is { } one)
        {
            return Task.FromResult<Result<IReadOnlyList<string>>>(Result<IReadOnlyList<string>>.Of([one]));
        }

        return compartments ??= ReadAsync();

        async Task<Result<IReadOnlyList<string>>> ReadAsync()
        {
            var listed = await client.ListCompartmentsAsync(tenancy, cancellationToken).ConfigureAwait(false);
            return listed.IsSuccess ? Result<IReadOnlyList<string>>.Of([tenancy, .. listed.Value.Select(c => c.Id)]) : listed.Problem!;
        }
    }
}
