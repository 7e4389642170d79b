using System.Runtime.InteropServices;

namespace HpcMaint.Adapters.Interop;

/// <summary>
/// Appends whole records to a file opened with O_APPEND, one write(2) per record, then fsync(2).
/// .NET's FileMode.Append seeks instead of using O_APPEND, so concurrent writers could overwrite
/// each other; the kernel's O_APPEND makes each write land at the end atomically.
/// </summary>
internal static partial class AppendOnlyFile
{
    private const int OWronly = 0x1;
    private const int OCreat = 0x40;
    private const int OAppend = 0x400;
    private const int OCloexec = 0x80000;
    private const int Eintr = 4;

    public static void Append(string path, ReadOnlySpan<byte> record, int mode = 0x1A0 /* 0640 */)
    {
        var fd = Open(path, OWronly | OCreat | OAppend | OCloexec, mode);
        if (fd < 0)
        {
            throw Error("open", path);
        }

        try
        {
            WriteAll(fd, record, path);
            if (Fsync(fd) != 0)
            {
                throw Error("fsync", path);
            }
        }
        finally
        {
            _ = Close(fd);
        }
    }

    private static unsafe void WriteAll(int fd, ReadOnlySpan<byte> data, string path)
    {
        fixed (byte* start = data)
        {
            var done = 0;
            while (done < data.Length)
            {
                var n = Write(fd, start + done, data.Length - done);
                if (n < 0)
                {
                    if (Marshal.GetLastPInvokeError() == Eintr)
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

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Open(string path, int flags, int mode);

    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
    private static unsafe partial nint Write(int fd, byte* buffer, nint count);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int Fsync(int fd);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int fd);
}
