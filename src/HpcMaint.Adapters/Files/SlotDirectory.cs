using System.Globalization;
using System.Runtime.InteropServices;
using HpcMaint.Adapters.Interop;

namespace HpcMaint.Adapters.Files;

/// <summary>
/// A semaphore across processes: a directory of <c>slot-NNN</c> files, a slot held by an exclusive
/// flock on its file. The kernel drops a lock when its process dies, so a killed holder never leaks a
/// slot. Files are made once and then only opened read-only (flock needs no write access), so the
/// processes sharing the directory may run as different users.
/// </summary>
public sealed class SlotDirectory
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);

    private readonly string[] files;
    private readonly TimeProvider time;

    private SlotDirectory(string directory, int count, TimeProvider time)
    {
        files = Enumerable.Range(0, count).Select(i => Path.Combine(directory, string.Create(CultureInfo.InvariantCulture, $"slot-{i:000}"))).ToArray();
        this.time = time;
    }

    /// <summary>Makes the directory and its slot files where missing; a problem names the path and what to do.</summary>
    public static (SlotDirectory? Slots, string? Problem) Open(string directory, int count, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var slots = new SlotDirectory(directory, count, time);
        try
        {
            Directory.CreateDirectory(directory);
            foreach (var file in slots.files)
            {
                var fd = LibC.Open(file, LibC.O_RDONLY | LibC.O_CREAT | LibC.O_CLOEXEC, 0b110_100_100);
                if (fd < 0)
                {
                    return (null, $"cannot open slot file {file}: {LibC.Describe(Marshal.GetLastPInvokeError())}; make {directory} writable by the user running hpcmaint");
                }

                _ = LibC.Close(fd);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (null, $"cannot make slot directory {directory}: {e.Message}");
        }

        return (slots, null);
    }

    /// <summary>Waits for a free slot; dispose the lease to give it back.</summary>
    public async Task<IDisposable> EnterAsync(CancellationToken cancellationToken)
    {
        // Start at a slot of our own so processes do not all queue on slot-000.
        var first = Environment.ProcessId % files.Length;
        while (true)
        {
            for (var i = 0; i < files.Length; i++)
            {
                if (TryLock(files[(first + i) % files.Length]) is { } lease)
                {
                    return lease;
                }
            }

            await Task.Delay(Poll, time, cancellationToken);
        }
    }

    private static Lease? TryLock(string file)
    {
        var fd = LibC.Open(file, LibC.O_RDONLY | LibC.O_CLOEXEC, 0);
        if (fd < 0)
        {
            throw new IOException($"slot file {file} cannot be opened: {LibC.Describe(Marshal.GetLastPInvokeError())}");
        }

        if (LibC.Flock(fd, LibC.LOCK_EX | LibC.LOCK_NB) == 0)
        {
            return new Lease(fd);
        }

        var error = Marshal.GetLastPInvokeError();
        _ = LibC.Close(fd);
        return error is LibC.EWOULDBLOCK or LibC.EINTR
            ? null
            : throw new IOException($"flock on slot file {file}: {LibC.Describe(error)}");
    }

    private sealed class Lease(int descriptor) : IDisposable
    {
        private int released;

        // Closing the descriptor releases the lock.
        public void Dispose()
        {
            if (Interlocked.Exchange(ref released, 1) == 0)
            {
                _ = LibC.Close(descriptor);
            }
        }
    }
}
