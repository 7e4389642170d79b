using HpcMaint.Adapters.Files;
using HpcMaint.Core;
using HpcMaint.Core.Cloud;
using HpcMaint.Core.Config;
using HpcMaint.Core.Rebuild;

namespace HpcMaint.Adapters.Cloud.OpenStack;

/// <summary>
/// [openstack] behind the cloud seam: the cloud from clouds.yaml (clouds_file, else the usual search), the
/// node → server mapping (server name, a map file of server ids, or a metadata key), Nova's servers as the
/// instances. Rebuilds hold a slot of the in-flight limit from the request to their end.
/// </summary>
public sealed class OpenStackCloud : ICloud
{
    private readonly OpenStackClient client;
    private readonly ServerMapping mapping;
    private readonly OpenStackSettings settings;

    private OpenStackCloud(OpenStackClient client, ServerMapping mapping, OpenStackSettings settings)
    {
        this.client = client;
        this.mapping = mapping;
        this.settings = settings;
    }

    public string Name => "openstack";

    /// <summary>Over a client made elsewhere (the specs' fake cloud).</summary>
    internal static OpenStackCloud Over(OpenStackClient client, ServerMapping mapping, OpenStackSettings settings) => new(client, mapping, settings);

    public bool HardReboots => settings.HardReboot;

    /// <summary>Every problem is a value, named with its file and line where there is one.</summary>
    public static Result<OpenStackCloud> Open(
        OpenStackSettings settings, CloudsEnvironment environment, OpenStackClientOptions? options = null, TimeProvider? time = null)
    {
        if (settings.CloudsFile is { } file)
        {
            var base_ = environment;
            environment = environment with
            {
                Variable = name => name == CloudsFileLocator.FileVariable ? file : base_.Variable(name),
            };
        }

        var cloud = CloudsConfigLoader.Load(environment, settings.Cloud);
        if (!cloud.IsValid)
        {
            return Problem.Invalid("clouds.yaml: " + string.Join("; ", cloud.Errors));
        }

        ServerMapping mapping;
        switch (settings.ServerLookup)
        {
            case ServerLookup.Map:
                var (byFile, errors) = ServerMapFile.Load(settings.MapFile!);
                if (byFile is null)
                {
                    return Problem.Invalid("server map: " + string.Join("; ", errors));
                }

                mapping = byFile;
                break;
            case ServerLookup.Metadata:
                mapping = new ServerMapping.ByMetadata(settings.MetadataKey!);
                break;
            default:
                mapping = new ServerMapping.ByName();
                break;
        }

        var slots = SlotDirectory.Open(settings.SlotsDir, settings.MaxInFlight, time ?? TimeProvider.System);
        if (!slots.IsSuccess)
        {
            return slots.Problem!.Prefixed("[openstack] slots_dir: ");
        }

        var clientOptions = (options ?? new OpenStackClientOptions()) with { MaxInFlight = settings.MaxInFlight, SharedSlots = slots.Value };
        return new OpenStackCloud(new OpenStackClient(cloud.Cloud!, clientOptions, time), mapping, settings);
    }

    public async Task<Result<CloudInstance>> FindInstanceAsync(string node, CancellationToken cancellationToken)
    {
        var server = await new ServerLocator(client, mapping).LocateAsync(node, cancellationToken).ConfigureAwait(false);
        return server.Succeeded ? Instance(server.Value) : server.Failure!.ToProblem();
    }

    /// <summary>One server list for all nodes. A volume-booted server has no image: that node is unknown, neither skipped nor rebuilt.</summary>
    public async Task<Result<IReadOnlyDictionary<string, NodeImage>>> ImagesAsync(IReadOnlyList<string> nodes, CancellationToken cancellationToken)
    {
        var servers = await client.ListServersAsync(cancellationToken).ConfigureAwait(false);
        if (!servers.Succeeded)
        {
            return servers.Failure!.ToProblem() with { Words = "cannot list servers: " + servers.Failure };
        }

        return nodes.Distinct(StringComparer.Ordinal).ToDictionary(n => n, n => ImageOf(n, servers.Value), StringComparer.Ordinal);
    }

    public async Task<Result<CloudOperation>> RebootAsync(CloudInstance instance, bool hard, CancellationToken cancellationToken)
    {
        var accepted = await client.RebootAsync(instance.Id, hard ? RebootType.Hard : RebootType.Soft, cancellationToken).ConfigureAwait(false);
        return accepted.Succeeded
            ? new CloudOperation(instance.Id, accepted.Value.Action, accepted.Value.RequestId)
            : accepted.Failure!.ToProblem();
    }

    public async Task<Result<CloudOperation>> RebuildAsync(CloudInstance instance, string image, CancellationToken cancellationToken)
    {
        var started = await client.StartRebuildAsync(instance.Id, image, cancellationToken).ConfigureAwait(false);
        return started.Succeeded
            ? new CloudOperation(instance.Id, started.Value.Accepted.Action, started.Value.Accepted.RequestId, image, started.Value.Slot)
            : started.Failure!.ToProblem();
    }

    /// <summary>A rebuild ends ACTIVE (or SHUTOFF) on its image within [openstack] rebuild_timeout, or in ERROR with Nova's fault.</summary>
    public async Task<Result<CloudInstance>> FollowAsync(CloudOperation operation, CancellationToken cancellationToken)
    {
        if (operation.Image is not { } image)
        {
            var server = await client.ShowServerAsync(operation.InstanceId, cancellationToken).ConfigureAwait(false);
            return server.Succeeded ? Instance(server.Value) : server.Failure!.ToProblem();
        }

        var done = await client.WaitForRebuildAsync(operation.InstanceId, image, settings.RebuildTimeout, cancellationToken).ConfigureAwait(false);
        return done.Succeeded ? Instance(done.Value) : done.Failure!.ToProblem();
    }

    public void Dispose() => client.Dispose();

    private static CloudInstance Instance(NovaServer server) => new(server.Id, server.ImageId, server.Status);

    private NodeImage ImageOf(string node, IReadOnlyList<NovaServer> servers)
    {
        var matches = mapping switch
        {
            ServerMapping.ByFile byFile => byFile.ServerIds.TryGetValue(node, out var id) ? servers.Where(s => s.Id == id).ToArray() : [],
            ServerMapping.ByMetadata byMetadata => servers.Where(s => s.Metadata.TryGetValue(byMetadata.Key, out var v) && v == node).ToArray(),
            _ => servers.Where(s => s.Name == node).ToArray(),
        };
        return matches switch
        {
            [var one] when one.ImageId is null => NodeImage.Unknown($"server {one.Id} boots from a volume (no image)"),
            [var one] => NodeImage.Of(one.ImageId),
            [] => NodeImage.Unknown($"no server for {node}"),
            _ => NodeImage.Unknown($"{matches.Length} servers match {node}"),
        };
    }
}
