using HpcMaint.Core.Trust;

namespace HpcMaint.Adapters.Files;

/// <summary>
/// hpcmaint's state paths at the moment they are written: judged by the trust rules as the running user
/// (a directory that others can write, or one whose files hpcmaint reads back but another user owns, is
/// refused), and created, when missing, with no access for others.
/// </summary>
public static class StatePaths
{
    /// <summary>rwxr-x---: what hpcmaint gives a directory it creates.</summary>
    public const UnixFileMode DirectoryMode = (UnixFileMode)0x1E8;

    /// <summary>rwxr-xr-x: for a directory of files other programs read (metrics for node_exporter).</summary>
    public const UnixFileMode ReadableDirectoryMode = (UnixFileMode)0x1ED;

    /// <summary>rw-r-----: what hpcmaint gives a state file it creates.</summary>
    public const int FileMode = 0x1A0;

    /// <summary>Null when the path may be used as <paramref name="use"/> says; else every problem with its fix.</summary>
    public static string? Problem(string path, PathUse use)
    {
        var facts = new FileFacts();
        var problems = TrustRules.Judge(PathWalker.Walk(path, facts, followFinalLink: use != PathUse.StateFile), use, FileFacts.RunningUser, facts);
        return problems.Count == 0 ? null : string.Join("; ", problems);
    }

    /// <summary>Judges the directory and creates it (and missing parents) with <paramref name="mode"/>, else <see cref="DirectoryMode"/>.</summary>
    /// <exception cref="UntrustedPathException">The directory, or one above it, is not to be trusted.</exception>
    public static void PrepareDirectory(string directory, PathUse use, UnixFileMode mode = DirectoryMode)
    {
        if (Problem(directory, use) is { } problem)
        {
            throw new UntrustedPathException(problem);
        }

        Directory.CreateDirectory(directory, mode);
    }
}
