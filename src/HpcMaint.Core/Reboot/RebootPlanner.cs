using HpcMaint.Core.Config;

namespace HpcMaint.Core.Reboot;

/// <summary>
/// Decides how each node Slurm asked to reboot is rebooted. A node due for a rebuild (its CONFIGURING
/// rebuild job names an image, else its hpcmaint ticket is at the rebuild step and the default image
/// applies) is rebuilt through OpenStack, else by the [rebuild] command; any other node is rebooted by
/// its configured method. A held node (`hpcmaint hold`) still gets the reboot Slurm asked for, never the
/// ladder's rebuild: hpcmaint promises to keep its hands off it. "{node}" (and "{image}" in [rebuild] command) are filled in per node.
/// </summary>
public static class RebootPlanner
{
    public const string NodePlaceholder = "{node}";
    public const string ImagePlaceholder = "{image}";

    /// <summary>Slurm is asked only when what it says can change a decision: when a rebuild can be carried out.</summary>
    public static bool AsksSlurm(HpcMaintConfig config) => config.OpenStack is not null || config.Rebuild.Command is not null;

    public static IReadOnlyList<RebootAction> Plan(IReadOnlyList<RebootFacts> facts, HpcMaintConfig config) =>
        facts.DistinctBy(f => f.Node, StringComparer.Ordinal).Select(f => Decide(f, config)).ToArray();

    /// <summary>
    /// The worker's second look, once it has read the server: a rebuild to the image the server already
    /// runs would only cost time, so it becomes an OpenStack reboot.
    /// </summary>
    public static RebootAction ForServer(RebootAction action, string? currentImage, bool hardReboot)
    {
        if (action.Method != RebootMethod.OpenStackRebuild || currentImage is null || currentImage != action.Image)
        {
            return action;
        }

        var reboot = OpenStackReboot(action.Node, hardReboot, string.Empty);
        return reboot with { Why = $"its server runs image {currentImage} already: a {(hardReboot ? "hard" : "soft")} reboot instead of a rebuild ({action.Why})" };
    }

    private static RebootAction Decide(RebootFacts facts, HpcMaintConfig config)
    {
        var node = facts.Node;
        if (facts is { JobImage: null, RecordAsksRebuild: true, Hold: { } hold })
        {
            return Plain(node, config, $"its hpcmaint ticket is at the rebuild step, but it is held by {hold.By} ({hold.Reason}): a plain reboot, no rebuild");
        }

        var (image, reason) = facts switch
        {
            { JobImage: { } jobImage } => (jobImage, $"rebuild job {facts.JobId} asks for image {jobImage}"),
            { RecordAsksRebuild: true } => (config.OpenStack?.Image, "its hpcmaint ticket is at the rebuild step"),
            _ => ((string?)null, (string?)null),
        };

        if (reason is not null)
        {
            if (config.OpenStack is not null && image is not null)
            {
                return new RebootAction(node, RebootMethod.OpenStackRebuild, [], image, reason);
            }

            if (config.Rebuild.Command is { Count: > 0 } rebuild)
            {
                return new RebootAction(node, RebootMethod.RebuildCommand, Fill(rebuild, node, image ?? string.Empty), image, reason + " ([rebuild] command)");
            }

            var missing = config.OpenStack is null ? "no [openstack] section and no [rebuild] command" : "no [openstack] image and no [rebuild] command";
            return Plain(node, config, $"{reason}, but {missing} is configured: rebooting instead");
        }

        return facts.Notes.Count == 0
            ? Plain(node, config, "requested by Slurm")
            : Plain(node, config, $"requested by Slurm; rebooting, not rebuilding, although a rebuild could not be ruled out: {string.Join("; ", facts.Notes)}");
    }

    private static RebootAction Plain(string node, HpcMaintConfig config, string why) =>
        config.Reboot.MethodFor(node) switch
        {
            RebootMethodChoice.Power when config.Power.Command is { Count: > 0 } power =>
                new RebootAction(node, RebootMethod.PowerCycle, Fill(power, node, string.Empty), null, why),
            RebootMethodChoice.OpenStack when config.OpenStack is { } openstack => OpenStackReboot(node, openstack.HardReboot, why),
            RebootMethodChoice.Oci when config.Oci is { } oci => new RebootAction(node, oci.HardReboot ? RebootMethod.OciReset : RebootMethod.OciSoftReset, [], null, why),
            _ => new RebootAction(node, RebootMethod.OsReboot, Fill(config.Reboot.Command, node, string.Empty), null, why),
        };

    private static RebootAction OpenStackReboot(string node, bool hard, string why) =>
        new(node, hard ? RebootMethod.OpenStackHardReboot : RebootMethod.OpenStackSoftReboot, [], null, why);

    private static string[] Fill(IReadOnlyList<string> argv, string node, string image) =>
        argv.Select(a => a.Replace(NodePlaceholder, node, StringComparison.Ordinal).Replace(ImagePlaceholder, image, StringComparison.Ordinal)).ToArray();
}
