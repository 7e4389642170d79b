namespace HpcMaint.Core.Trust;

/// <summary>What a path names, as lstat(2) sees it (a symbolic link is not followed).</summary>
public enum EntryKind
{
    Missing,
    File,
    Directory,
    Symlink,

    /// <summary>A socket, device or pipe: never a program, config or state file.</summary>
    Other,
}
