using System.Runtime.InteropServices;
using System.Text;
using HpcMaint.Adapters.Files;
using HpcMaint.Adapters.Interop;

namespace HpcMaint.Adapters.Metrics;

/// <summary>
/// A textfile of metrics that outlive the process changing them: each short-lived hpcmaint-health,
/// hpcmaint-reboot or rebuild run reads back what the file says, changes it, and replaces the file
/// atomically, all under an exclusive lock (a sibling .lock file), so processes running at once take
/// turns and lose no increment. A lost file restarts the counters at zero, which Prometheus reads as a
/// counter reset. Like every state file, it is never read or written through a link planted in its place.
/// </summary>
public static class CounterFile
{
    /// <summary>Applies the changes; returns what went wrong (the file is then unchanged), or null.</summary>
    public static string? Apply(string path, IReadOnlyList<MetricChange> changes) =>
        changes.Count == 0 ? null : Update(path, families => families.Apply(changes));

    /// <summary>Reads the file, lets <paramref name="edit"/> change it, writes it back; returns what went wrong, or null.</summary>
    public static string? Update(string path, Action<MetricFamilies> edit)
    {
        try
        {
            StatePaths.PrepareDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!, Core.Trust.PathUse.StateDirectory, StatePaths.ReadableDirectoryMode);
            // Our own descriptor and a blocking flock: .NET's FileStream takes a non-blocking flock of its
            // own, so a second writer would fail instead of waiting its turn.
            var fd = LibC.Open(path + ".lock", LibC.O_RDWR | LibC.O_CREAT | LibC.O_NOFOLLOW | LibC.O_CLOEXEC, 0b110_000_000);
            if (fd < 0)
            {
                return $"cannot open {path}.lock: {LibC.Describe(Marshal.GetLastPInvokeError())}";
            }

            try
            {
                while (LibC.Flock(fd, LibC.LOCK_EX) != 0)
                {
                    if (Marshal.GetLastPInvokeError() != LibC.EINTR)
                    {
                        return $"cannot lock {path}.lock: {LibC.Describe(Marshal.GetLastPInvokeError())}";
                    }
                }

                var families = MetricFamilies.Read(File.Exists(path) ? Encoding.UTF8.GetString(NoFollowFile.ReadAllBytes(path)) : string.Empty);
                edit(families);
                AtomicFile.Replace(path, Encoding.UTF8.GetBytes(families.Write()), mode: AtomicFile.ReadableByAll);
                return null;
            }
            finally
            {
                _ = LibC.Close(fd);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return e.Message;
        }
    }
}
