using System.Runtime.InteropServices;

namespace HpcMaint.Adapters.Interop;

/// <summary>
/// Appends whole records to a file opened with O_APPEND, one write(2) per record, then fsync(2).
/// .NET's FileMode.Append seeks instead of using O_APPEND, so concurrent writers could overwrite
/// each other; the kernel's O_APPEND makes each write land at the end atomically.
/// </summary>
internal static class AppendOnlyFile
{
    private const int Mode0640 = 0x1A0;

    public static void Append(string path, ReadOnlySpan<byte> record)
    {
        var fd = LibC.Open(path, LibC.O_WRONLY | LibC.O_CREAT | LibC.O_APPEND | LibC.O_CLOEXEC, Mode0640);
        if (fd < 0)
        {
            throw Error("open", path);
        }

        try
        {
            WriteAll(fd, record, path);
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
