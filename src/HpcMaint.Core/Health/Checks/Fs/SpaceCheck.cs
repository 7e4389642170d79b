using System.Globalization;
using HpcMaint.Core.Config;

namespace HpcMaint.Core.Health.Checks.Fs;

/// <summary><c>fs.space</c>: the filesystem holding a path has enough free space and free inodes.</summary>
internal sealed class SpaceCheck(string path, Threshold? minFree, Threshold? minFreeInodes) : IHealthCheck
{
    public const string Condition = "fs.space";

    public static CheckKind Kind { get; } = new(
        Condition,
        "free space and inodes on the filesystem of path (min_free = \"3%\" or a size, min_free_inodes = \"1%\" or a count)",
        Create);

    public Task<CheckVerdict> RunAsync(IHostProbe probe, CancellationToken cancellationToken)
    {
        var found = new FindingList();
        if (probe.GetSpace(path) is not { } space)
        {
            found.Unreadable(Condition, $"cannot query the filesystem of {path}");
            return Task.FromResult(found.ToVerdict());
        }

        if (minFree is { } bytes && space.AvailableBytes < bytes.Of(space.TotalBytes))
        {
            var actual = bytes.IsPercent ? Percent(space.AvailablePercent) : ByteSizeText.Format(space.AvailableBytes);
            found.Fault(Condition, $"{path} {actual} free", ">= " + bytes);
        }

        // Some filesystems (btrfs, many network ones) report no inode total; there is nothing to run out of.
        if (minFreeInodes is { } inodes && space.TotalInodes > 0 && space.AvailableInodes < inodes.Of(space.TotalInodes))
        {
            var actual = inodes.IsPercent ? Percent(space.AvailableInodesPercent) : space.AvailableInodes.ToString(CultureInfo.InvariantCulture);
            found.Fault(Condition, $"{path} {actual} inodes free", ">= " + inodes);
        }

        return Task.FromResult(found.ToVerdict());
    }

    // Rounded down, so that a share just under the limit never prints as the limit itself.
    private static string Percent(double p) => (Math.Floor(p * 10) / 10).ToString("0.#", CultureInfo.InvariantCulture) + "%";

    private static IHealthCheck Create(ConfigSection section)
    {
        var path = section.Optional("path", ConfigRules.AbsolutePath);
        var minFree = CheckSettings.Threshold(section, "min_free", sizes: true);
        var minFreeInodes = CheckSettings.Threshold(section, "min_free_inodes", sizes: false);
        return path is null ? MisconfiguredCheck.Report(section, "path", "no path: write path = \"/tmp\"")
            : minFree is null && minFreeInodes is null ? MisconfiguredCheck.Report(section, "min_free", "nothing to compare: write min_free = \"3%\" or min_free_inodes = \"1%\"")
            : new SpaceCheck(CheckSettings.NormalizePath(path), minFree, minFreeInodes);
    }
}
