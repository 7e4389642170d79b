namespace HpcMaint.Core.Trust;

/// <summary>
/// The file-system facts the trust rules judge, read by an adapter: what one path names (not following
/// a final symbolic link), and a user's name for messages.
/// </summary>
public interface IFileFacts
{
    /// <summary>lstat(2) of <paramref name="path"/>, with the link's target when it is a symbolic link.</summary>
    PathEntry Look(string path);

    /// <summary>The user's name (for messages only); null when it has none.</summary>
    string? OwnerName(uint uid);

    /// <summary>The first bytes of a file as text (to see whether it holds a credential); null when unreadable.</summary>
    string? ReadText(string path, int maxBytes);
}
