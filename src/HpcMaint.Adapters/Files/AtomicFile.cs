using System.Text;

namespace HpcMaint.Adapters.Files;

/// <summary>
/// Replaces a file's content atomically (a new file in the same directory, renamed over the old one):
/// readers, and a process killed half-way, see the old file or the new one, never half of one.
/// </summary>
public static class AtomicFile
{
    /// <summary>Writes and renames; <paramref name="durable"/> also forces the content to disk first.</summary>
    /// <exception cref="IOException">The directory or file cannot be written.</exception>
    /// <exception cref="UnauthorizedAccessException">Not allowed to write there.</exception>
    public static void Replace(string path, ReadOnlySpan<byte> content, bool durable = false)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temporary = $"{path}.{Environment.ProcessId}.new";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            stream.Write(content);
            stream.Flush(flushToDisk: durable);
        }

        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>Like <see cref="Replace"/> for text; returns what went wrong instead of throwing, or null.</summary>
    public static string? TryReplace(string path, string text)
    {
        try
        {
            Replace(path, Encoding.UTF8.GetBytes(text));
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return e.Message;
        }
    }
}
