namespace HpcMaint.Core.Health.Checks.Fs;

/// <summary>One line of /proc/mounts, its fields unescaped.</summary>
internal sealed record MountEntry(string Source, string MountPoint, string FsType, string Options)
{
    public bool ReadOnly => HasOption("ro");

    public bool HasOption(string option)
    {
        var options = Options.AsSpan();
        foreach (var range in options.Split(','))
        {
            if (options[range].SequenceEqual(option))
            {
                return true;
            }
        }

        return false;
    }
}
