using System.Text;
using HpcMaint.Adapters.Interop;
using HpcMaint.Core.Trust;

namespace HpcMaint.Adapters.Files;

/// <summary>
/// The trust rules' file-system facts from this machine: statx(2) without following a final link,
/// readlink(2), getpwuid(3). Each path is looked at once per instance (a config load shares /usr/bin
/// between many programs). A path that cannot be examined (EACCES for a non-root user) counts as missing:
/// what hpcmaint cannot look at it cannot write either.
/// </summary>
public sealed class FileFacts : IFileFacts
{
    private readonly Dictionary<string, PathEntry> looked = new(StringComparer.Ordinal);
    private readonly Dictionary<uint, string?> names = [];

    /// <summary>The effective uid of this process: the user whose files, besides root's, hpcmaint trusts.</summary>
    public static uint RunningUser => LibC.EffectiveUserId();

    public PathEntry Look(string path)
    {
        if (looked.TryGetValue(path, out var known))
        {
            return known;
        }

        var status = FileStatus.OfPath(path, out _);
        var entry = status is not { } s ? PathEntry.Missing(path) : new PathEntry(path, Kind(s.Mode), s.Owner, s.Mode & 0xFFF, s.Links);
        if (entry.Kind == EntryKind.Symlink)
        {
            entry = entry with { LinkTarget = LinkTarget(path) };
        }

        looked[path] = entry;
        return entry;
    }

    public string? OwnerName(uint uid)
    {
        if (!names.TryGetValue(uid, out var name))
        {
            names[uid] = name = UserNames.Of(uid);
        }

        return name;
    }

    public string? ReadText(string path, int maxBytes)
    {
        try
        {
            using var stream = File.OpenRead(path);
            var buffer = new byte[maxBytes];
            var read = stream.ReadAtLeast(buffer, maxBytes, throwOnEndOfStream: false);
            return Encoding.UTF8.GetString(buffer, 0, read);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static EntryKind Kind(uint mode) => (mode & FileStatus.TypeMask) switch
    {
        FileStatus.RegularFile => EntryKind.File,
        FileStatus.Directory => EntryKind.Directory,
        FileStatus.SymbolicLink => EntryKind.Symlink,
        _ => EntryKind.Other,
    };

    private static string? LinkTarget(string path)
    {
        try
        {
            return new FileInfo(path).LinkTarget;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
