using System.Text;
using HpcMaint.Core.Trust;

namespace HpcMaint.Adapters.Files;

/// <summary>
/// Replaces a file's content atomically (a new file in the same directory, renamed over the old one):
/// readers, and a process killed half-way, see the old file or the new one, never half of one. The new
/// file is created without following a link (O_EXCL, O_NOFOLLOW), and rename(2) replaces a link in the
/// file's place rather than what it points to. The directory must be one only its owner can write.
/// </summary>
public static class AtomicFile
{
    /// <summary>rw-r--r--: for a file other programs read (the metrics file for node_exporter).</summary>
    public const int ReadableByAll = 0x1A4;

    /// <summary>
    /// Writes and renames; <paramref name="durable"/> also forces the content to disk first. A private
    /// file (<paramref name="mode"/> <see cref="StatePaths.FileMode"/>) is one hpcmaint reads back and acts
    /// on: its directory must also be owned by root or the running user.
    /// </summary>
    /// <exception cref="IOException">The directory or file cannot be written, or is not to be trusted (<see cref="UntrustedPathException"/>).</exception>
    /// <exception cref="UnauthorizedAccessException">Not allowed to write there.</exception>
    public static void Replace(string path, ReadOnlySpan<byte> content, bool durable = false, int mode = StatePaths.FileMode)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        if (mode == StatePaths.FileMode)
        {
            StatePaths.PrepareDirectory(directory, PathUse.PrivateDirectory);
        }
        else
        {
            StatePaths.PrepareDirectory(directory, PathUse.StateDirectory, StatePaths.ReadableDirectoryMode);
        }

        var temporary = $"{path}.{Environment.ProcessId}.new";
        using (var stream = NoFollowFile.CreateNew(temporary, mode))
        {
            stream.Write(content);
            stream.Flush(flushToDisk: durable);
        }

        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>Like <see cref="Replace"/> for text; returns what went wrong instead of throwing, or null.</summary>
    public static string? TryReplace(string path, string text, int mode = StatePaths.FileMode)
    {
        try
        {
            Replace(path, Encoding.UTF8.GetBytes(text), mode: mode);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return e.Message;
        }
    }
}
