using HpcMaint.Core.Config;

namespace HpcMaint.Core.Health.Checks.Fs;

/// <summary><c>fs.mount</c>: a filesystem is mounted at a path, optionally of a type, from a source, read-write or read-only.</summary>
internal sealed class MountCheck(string path, string? fsType, string? source, string? mode) : IHealthCheck
{
    public const string Condition = "fs.mount";

    public static CheckKind Kind { get; } = new(
        Condition,
        "a filesystem mounted at path, optionally with fstype, source and mode = \"rw\" or \"ro\"",
        Create);

    public Task<CheckVerdict> RunAsync(IHostProbe probe, CancellationToken cancellationToken)
    {
        var found = new FindingList();
        if (probe.ReadText("/proc/mounts") is not { } mounts)
        {
            found.Unreadable(Condition, "cannot read /proc/mounts");
        }
        else if (MountTable.Find(mounts, path) is not { } mount)
        {
            found.Fault(Condition, $"{path} not mounted", "mounted");
        }
        else
        {
            if (fsType is not null && mount.FsType != fsType)
            {
                found.Fault(Condition, $"{path} is {mount.FsType}", fsType);
            }

            if (source is not null && mount.Source != source)
            {
                found.Fault(Condition, $"{path} from {mount.Source}", source);
            }

            var actualMode = mount.ReadOnly ? "ro" : "rw";
            if (mode is not null && actualMode != mode)
            {
                found.Fault(Condition, $"{path} mounted {actualMode}", mode);
            }
        }

        return Task.FromResult(found.ToVerdict());
    }

    private static IHealthCheck Create(ConfigSection section)
    {
        var path = section.Optional("path", ConfigRules.AbsolutePath);
        var fsType = section.Optional("fstype");
        var source = section.Optional("source");
        var mode = section.Optional("mode", ConfigRules.OneOf(["rw", "ro"]));
        return path is null
            ? MisconfiguredCheck.Report(section, "path", "no path: write path = \"/scratch\"")
            : new MountCheck(CheckSettings.NormalizePath(path), fsType, source, mode);
    }
}
