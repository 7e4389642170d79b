namespace HpcMaint.Core.Health.Checks.Fs;

/// <summary>
/// Reads /proc/mounts lines ("source mountpoint fstype options 0 0"), where the kernel writes a space,
/// tab, newline and backslash in a field as \040, \011, \012 and \134.
/// </summary>
internal static class MountTable
{
    /// <summary>
    /// The mount in effect at <paramref name="mountPoint"/>: the last line for it, since a later mount
    /// hides an earlier one (rootfs under /); null when nothing is mounted there.
    /// </summary>
    public static MountEntry? Find(string mounts, string mountPoint)
    {
        MountEntry? found = null;
        foreach (var line in new LineSplitter(mounts))
        {
            var rest = line;
            var source = NextField(ref rest);
            var point = NextField(ref rest);
            if (point.IsEmpty || !Matches(point, mountPoint))
            {
                continue;
            }

            var type = NextField(ref rest);
            var options = NextField(ref rest);
            found = new MountEntry(Unescape(source), mountPoint, Unescape(type), Unescape(options));
        }

        return found;
    }

    /// <summary>Decodes the kernel's octal escapes (\040 → space); other text is kept as it is.</summary>
    public static string Unescape(ReadOnlySpan<char> field)
    {
        if (!field.Contains('\\'))
        {
            return field.ToString();
        }

        var chars = new char[field.Length];
        var n = 0;
        for (var i = 0; i < field.Length; i++)
        {
            if (field[i] == '\\' && i + 3 < field.Length && IsOctal(field[i + 1]) && IsOctal(field[i + 2]) && IsOctal(field[i + 3]))
            {
                chars[n++] = (char)(((field[i + 1] - '0') << 6) | ((field[i + 2] - '0') << 3) | (field[i + 3] - '0'));
                i += 3;
            }
            else
            {
                chars[n++] = field[i];
            }
        }

        return new string(chars, 0, n);
    }

    private static bool Matches(ReadOnlySpan<char> field, string mountPoint) =>
        field.Contains('\\') ? Unescape(field) == mountPoint : field.SequenceEqual(mountPoint);

    private static bool IsOctal(char c) => c is >= '0' and <= '7';

    private static ReadOnlySpan<char> NextField(ref ReadOnlySpan<char> rest)
    {
        rest = rest.TrimStart(' ');
        var end = rest.IndexOf(' ');
        var field = end < 0 ? rest : rest[..end];
        rest = end < 0 ? [] : rest[end..];
        return field;
    }
}
