using HpcMaint.Adapters.Cloud.Oci;
using HpcMaint.Adapters.Cloud.OpenStack;
using HpcMaint.Core;
using HpcMaint.Core.Cloud;
using HpcMaint.Core.Config;
using HpcMaint.Core.Rebuild;
using HpcMaint.Core.Reboot;

namespace HpcMaint.Adapters.Cloud;

/// <summary>
/// The one place the config chooses a cloud provider. A provider is a folder here (OpenStack/, Oci/), a section
/// of the config ([openstack], [oci]) and a line in each choice below.
/// </summary>
public static class CloudProviders
{
    /// <summary>The cloud the reboot worker acts on for <paramref name="method"/>: OCI for its resets, else OpenStack.</summary>
    public static Result<ICloud> ForReboots(HpcMaintConfig config, TimeProvider time, RebootMethod method = RebootMethod.OpenStackSoftReboot)
    {
        if (RebootMethods.IsOci(method))
        {
            return config.Oci is { } oci
                ? OciCloud.Open(oci, Environment.GetEnvironmentVariable("HOME"), time: time).Map(cloud => (ICloud)cloud)
                : Problem.Invalid("the config has no [oci] section any more");
        }

        return config.OpenStack is { } openstack ? OpenStack(openstack, time)
            : Problem.Invalid("the config has no [openstack] section any more");
    }

    /// <summary>
    /// Where the rebuild reads each node's image, as [rebuild] image_source names it. A cloud finds the
    /// servers as hpcmaint-reboot does (for OpenStack: cloud, clouds_file, server_lookup), so both agree on every node's image.
    /// </summary>
    public static Result<INodeImageSource> ImageSource(HpcMaintConfig config, TimeProvider time)
    {
        var source = config.Rebuild.ImageSource switch
        {
            RebuildSettings.OpenStackImages => OpenStack(config.OpenStack ?? new OpenStackSettings(), time).Map(cloud => (INodeImageSource)new CloudImageSource(cloud)),
            _ => new FeatureImageSource(),
        };
        return source.IsSuccess ? source : source.Problem!.Prefixed($"image_source = \"{config.Rebuild.ImageSource}\": ");
    }

    private static Result<ICloud> OpenStack(OpenStackSettings settings, TimeProvider time) =>
        OpenStackCloud.Open(settings, CloudsEnvironment.OfThisProcess(), time: time).Map(cloud => (ICloud)cloud);
}
