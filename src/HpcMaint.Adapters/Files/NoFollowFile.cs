using System.Runtime.InteropServices;
using HpcMaint.Adapters.Interop;
using Microsoft.Win32.SafeHandles;

namespace HpcMaint.Adapters.Files;

/// <summary>
/// Opening hpcmaint's own files without following a symbolic link in their place (O_NOFOLLOW): a link
/// planted where a state file should be is refused, never written through or read from.
/// </summary>
public static class NoFollowFile
{
    /// <summary>Creates a file that must not exist yet (O_EXCL); one left by an earlier process of the same pid is replaced.</summary>
    public static FileStream CreateNew(string path, int mode)
    {
        var flags = LibC.O_WRONLY | LibC.O_CREAT | LibC.O_EXCL | LibC.O_NOFOLLOW | LibC.O_CLOEXEC;
        var fd = LibC.Open(path, flags, mode);
        if (fd < 0 && Marshal.GetLastPInvokeError() == LibC.EEXIST)
        {
            File.Delete(path);
            fd = LibC.Open(path, flags, mode);
        }

        return new FileStream(Handle(fd, "create", path), FileAccess.Write);
    }

    public static byte[] ReadAllBytes(string path)
    {
        var fd = LibC.Open(path, LibC.O_RDONLY | LibC.O_NOFOLLOW | LibC.O_CLOEXEC, 0);
        using var stream = new FileStream(Handle(fd, "open", path), FileAccess.Read);
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }

    /// <summary>The descriptor as a handle, or the error: a link in the file's place says so and what to do.</summary>
    internal static SafeFileHandle Handle(int fd, string call, string path)
    {
        if (fd >= 0)
        {
            return new SafeFileHandle(fd, ownsHandle: true);
        }

        throw Error(call, path, Marshal.GetLastPInvokeError());
    }

    internal static IOException Error(string call, string path, int errno) => errno switch
    {
        LibC.ELOOP => new UntrustedPathException($"{path} is a symbolic link; hpcmaint reads and writes its state only as a real file, as a link could send a root write anywhere; fix: rm {path}"),
        LibC.ENOENT => new FileNotFoundException($"{call} {path}: {Marshal.GetPInvokeErrorMessage(errno)}", path),
        _ => new IOException($"{call} {path}: {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno})"),
    };
}
