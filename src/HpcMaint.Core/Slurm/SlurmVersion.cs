using System.Globalization;

namespace HpcMaint.Core.Slurm;

/// <summary>Slurm's version (e.g. 22.05.8); behaviour differs between releases (see docs/slurm versions).</summary>
public readonly record struct SlurmVersion(int Major, int Minor, int Patch) : IComparable<SlurmVersion>
{
    /// <summary>Parses "slurm 22.05.8", "22.05.8" or "24.11.5-1".</summary>
    public static bool TryParse(string text, out SlurmVersion version)
    {
        version = default;
        var token = text.Trim();
        var space = token.LastIndexOf(' ');
        if (space >= 0)
        {
            token = token[(space + 1)..];
        }

        var parts = token.Split('.', '-');
        if (parts.Length < 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var major)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var minor))
        {
            return false;
        }

        var patch = 0;
        if (parts.Length > 2 && !int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out patch))
        {
            return false;
        }

        version = new SlurmVersion(major, minor, patch);
        return true;
    }

    public int CompareTo(SlurmVersion other) =>
        (Major, Minor, Patch).CompareTo((other.Major, other.Minor, other.Patch));

    public static bool operator <(SlurmVersion a, SlurmVersion b) => a.CompareTo(b) < 0;

    public static bool operator >(SlurmVersion a, SlurmVersion b) => a.CompareTo(b) > 0;

    public static bool operator <=(SlurmVersion a, SlurmVersion b) => a.CompareTo(b) <= 0;

    public static bool operator >=(SlurmVersion a, SlurmVersion b) => a.CompareTo(b) >= 0;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Major}.{Minor:00}.{Patch}");
}
