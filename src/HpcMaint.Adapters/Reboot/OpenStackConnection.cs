using HpcMaint.Adapters.Files;
using HpcMaint.Adapters.OpenStack;
using HpcMaint.Core.Config;

namespace HpcMaint.Adapters.Reboot;

/// <summary>
/// [openstack] made real: the cloud from clouds.yaml (clouds_file, else the usual search) and the
/// node → server mapping. Every problem is a value, named with its file and line where there is one.
/// </summary>
public static class OpenStackConnection
{
    public static (OpenStackClient? Client, ServerMapping? Mapping, string? Problem) Open(
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
            return (null, null, "clouds.yaml: " + string.Join("; ", cloud.Errors));
        }

        ServerMapping mapping;
        switch (settings.ServerLookup)
        {
            case ServerLookup.Map:
                var (byFile, errors) = ServerMapFile.Load(settings.MapFile!);
                if (byFile is null)
                {
                    return (null, null, "server map: " + string.Join("; ", errors));
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

        var (slots, slotProblem) = SlotDirectory.Open(settings.SlotsDir, settings.MaxInFlight, time ?? TimeProvider.System);
        if (slots is null)
        {
            return (null, null, "[openstack] slots_dir: " + slotProblem);
        }

        var clientOptions = (options ?? new OpenStackClientOptions()) with { MaxInFlight = settings.MaxInFlight, SharedSlots = slots };
        return (new OpenStackClient(cloud.Cloud!, clientOptions, time), mapping, null);
    }
}
