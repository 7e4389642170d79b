namespace HpcMaint.Core.Health.Checks.Fs;

/// <summary>One line of /proc/mounts, its fields unescaped.</summary>
internal sealed record MountEntry(string Source, string MountPoint, string FsType, string Options)
{
    public bool ReadOnly => HasOption("ro");

    public bool HasOption(string option)
    {
        var rest = Options.AsSpan();
        while (!rest.IsEmpty)
        {
            var comma = rest.IndexOf(',');
            if ((comma < 0 ? rest : rest[..comma]).SequenceEqual(option))
            {
                return true;
            }

            rest = comma < 0 ? [] : rest[(comma + 1)..];
        }

        return false;
    }
}
