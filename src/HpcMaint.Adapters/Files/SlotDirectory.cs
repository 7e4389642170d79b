using System.Globalization;
using HpcMaint.Core.Trust;

namespace HpcMaint.Adapters.Files;

/// <summary>
/// A semaphore across processes: a directory of <c>slot-NNN</c> files, a slot held by an exclusive
/// flock on its file (<see cref="FileLock"/>). The kernel drops a lock when its process dies, so a killed
/// holder never leaks a slot. Files are made once (owned by the directory's owner, no access for others)
/// and then only opened read-only, so root and SlurmUser may share a directory SlurmUser owns.
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
            StatePaths.PrepareDirectory(directory, PathUse.StateDirectory);
            foreach (var file in slots.files)
            {
                FileLock.Create(file, StatePaths.FileMode);
            }
        }
        catch (UntrustedPathException e)
        {
            return (null, e.Message);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (null, $"cannot make the slot files in {directory}: {e.Message}; make it writable by the user running hpcmaint");
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
                if (FileLock.TryTake(files[(first + i) % files.Length]) is { } lease)
                {
                    return lease;
                }
            }

            await Task.Delay(Poll, time, cancellationToken);
        }
    }
}
