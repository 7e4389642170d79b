namespace HpcMaint.Adapters.Interop;

/// <summary>
/// slurmctld 22.05 starts a controller-mode RebootProgram with stdin, stdout and stderr closed. The .NET
/// runtime then opens its own internal pipes before Main and they land on descriptors 0–2, so writing
/// "to stderr" would write into the runtime's pipes (and fails, or worse). A standard descriptor is
/// usable only when it is open and is not one of those: a pipe or socket that this process also holds
/// on a higher descriptor is the runtime's own.
/// </summary>
internal static class StandardStreams
{
    public static bool IsUsable(int fd)
    {
        var target = LinkTarget(fd);
        if (target is null)
        {
            return false;
        }

        if (!target.StartsWith("pipe:", StringComparison.Ordinal) && !target.StartsWith("socket:", StringComparison.Ordinal))
        {
            return true;
        }

        foreach (var entry in Directory.EnumerateFiles("/proc/self/fd"))
        {
            if (int.TryParse(Path.GetFileName(entry), System.Globalization.CultureInfo.InvariantCulture, out var other)
                && other > 2 && LinkTarget(other) == target)
            {
                return false;
            }
        }

        return true;
    }

    private static string? LinkTarget(int fd)
    {
        try
        {
            return new FileInfo("/proc/self/fd/" + fd.ToString(System.Globalization.CultureInfo.InvariantCulture)).LinkTarget;
        }
        catch (IOException)
        {
            return null;
        }
    }
}
