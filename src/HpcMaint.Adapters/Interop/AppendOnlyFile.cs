using System.Runtime.InteropServices;

namespace HpcMaint.Adapters.Interop;

/// <summary>
/// Appends whole lines to a file opened with O_APPEND, one write(2) per line, then fsync(2): one open
/// per record. .NET's FileMode.Append seeks instead of using O_APPEND, so concurrent writers could
/// overwrite each other; the kernel's O_APPEND makes each write land at the end atomically.
/// </summary>
internal static class AppendOnlyFile
{
    private const int Mode0640 = 0x1A0;
    private static readonly byte[] NewLine = "\n"u8.ToArray();

    /// <summary>
    /// Appends <paramref name="line"/> (which ends in '\n'). If the file does not end with a newline
    /// (a write cut short by a crash), the line starts on a fresh one, so the torn line stays alone.
    /// A missing directory is created.
    /// </summary>
    public static void AppendLine(string path, ReadOnlySpan<byte> line)
    {
        var fd = Open(path);
        try
        {
            if (EndsWithoutNewLine(fd))
            {
                WriteAll(fd, NewLine, path);
            }

            WriteAll(fd, line, path);
            if (LibC.Fsync(fd) != 0)
            {
                throw Error("fsync", path);
            }
        }
        finally
        {
            _ = LibC.Close(fd);
        }
    }

    /// <summary>
    /// Whether a line could be appended now, without writing one: the file is opened for appending
    /// (created, with its directory, when missing) and closed. Null when it can; otherwise the OS's error.
    /// </summary>
    public static string? WhyNotAppendable(string path)
    {
        try
        {
            var fd = Open(path);
            _ = LibC.Close(fd);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return e.Message;
        }
    }

    // Never through a link planted in the journal's place, and never into a file with a second name: a
    // root append must land in the journal and nowhere else.
    private static int Open(string path)
    {
        var flags = LibC.O_RDWR | LibC.O_CREAT | LibC.O_APPEND | LibC.O_NOFOLLOW | LibC.O_CLOEXEC;
        var fd = LibC.Open(path, flags, Mode0640);
        if (fd < 0 && Marshal.GetLastPInvokeError() == LibC.ENOENT && Path.GetDirectoryName(Path.GetFullPath(path)) is { Length: > 0 } directory)
        {
            Files.StatePaths.PrepareDirectory(directory, Core.Trust.PathUse.StateDirectory);
            fd = LibC.Open(path, flags, Mode0640);
        }

        if (fd < 0)
        {
            throw Files.NoFollowFile.Error("open", path, Marshal.GetLastPInvokeError());
        }

        if (FileStatus.OfDescriptor(fd, out _) is { } status && ((status.Mode & FileStatus.TypeMask) != FileStatus.RegularFile || status.Links > 1))
        {
            _ = LibC.Close(fd);
            throw new Files.UntrustedPathException(
                $"{path} is not a regular file with one name (links: {status.Links}); a write to it could change another file; fix: rm {path} (hpcmaint makes a new one)");
        }

        return fd;
    }

    private static unsafe bool EndsWithoutNewLine(int fd)
    {
        // O_APPEND moves every write to the end; this seek only positions the read of the last byte.
        if (LibC.Seek(fd, -1, LibC.SEEK_END) < 0)
        {
            return false; // empty file
        }

        byte last;
        return LibC.Read(fd, &last, 1) == 1 && last != (byte)'\n';
    }

    private static unsafe void WriteAll(int fd, ReadOnlySpan<byte> data, string path)
    {
        fixed (byte* start = data)
        {
            var done = 0;
            while (done < data.Length)
            {
                var n = LibC.Write(fd, start + done, data.Length - done);
                if (n < 0)
                {
                    if (Marshal.GetLastPInvokeError() == LibC.EINTR)
                    {
                        continue;
                    }

                    throw Error("write", path);
                }

                done += (int)n;
            }
        }
    }

    private static IOException Error(string call, string path)
    {
        var errno = Marshal.GetLastPInvokeError();
        return new IOException($"{call} {path}: {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno})");
    }
}
