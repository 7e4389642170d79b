using System.Runtime.InteropServices;
using HpcMaint.Adapters.Interop;

namespace HpcMaint.Adapters.Files;

/// <summary>
/// An exclusive flock(2) on a lock file opened read-only without following a link (flock needs no write
/// access). Disposing closes the descriptor, which releases the lock; so does the kernel when the process dies.
/// </summary>
internal sealed class FileLock : IDisposable
{
    private readonly int descriptor;
    private int released;

    private FileLock(int descriptor) => this.descriptor = descriptor;

    /// <summary>Makes the lock file when missing, with <paramref name="mode"/>; when root makes it in another user's directory, that user gets it.</summary>
    public static void Create(string path, int mode)
    {
        var fd = LibC.Open(path, LibC.O_RDONLY | LibC.O_CREAT | LibC.O_NOFOLLOW | LibC.O_CLOEXEC, mode);
        if (fd < 0)
        {
            throw NoFollowFile.Error("create", path, Marshal.GetLastPInvokeError());
        }

        try
        {
            // Root's lock file in SlurmUser's directory would be closed to SlurmUser's hpcmaint-reboot, which shares the locks.
            if (LibC.EffectiveUserId() == 0 && FileStatus.OfDescriptor(fd, out _) is { Owner: 0 }
                && Path.GetDirectoryName(Path.GetFullPath(path)) is { } directory && FileStatus.OfPath(directory, out _) is { Owner: not 0 } owner)
            {
                _ = LibC.FileChangeOwner(fd, owner.Owner, owner.Group);
            }
        }
        finally
        {
            _ = LibC.Close(fd);
        }
    }

    /// <summary>The lock, or null when another process holds it.</summary>
    public static FileLock? TryTake(string path)
    {
        var fd = LibC.Open(path, LibC.O_RDONLY | LibC.O_NOFOLLOW | LibC.O_CLOEXEC, 0);
        if (fd < 0)
        {
            throw NoFollowFile.Error("open", path, Marshal.GetLastPInvokeError());
        }

        if (LibC.Flock(fd, LibC.LOCK_EX | LibC.LOCK_NB) == 0)
        {
            return new FileLock(fd);
        }

        var error = Marshal.GetLastPInvokeError();
        _ = LibC.Close(fd);
        return error is LibC.EWOULDBLOCK or LibC.EINTR ? null : throw new IOException($"flock on {path}: {LibC.Describe(error)}");
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref released, 1) == 0)
        {
            _ = LibC.Close(descriptor);
        }
    }
}
