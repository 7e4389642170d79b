using System.Runtime.InteropServices;

namespace HpcMaint.Adapters.Interop;

/// <summary>statvfs(3): a filesystem's size, free space and inodes as an unprivileged user sees them.</summary>
internal static partial class FileSystemStats
{
    private const ulong ReadOnlyFlag = 1; // ST_RDONLY

    public static (long Total, long Available, long Inodes, long AvailableInodes, bool ReadOnly)? Query(string path)
    {
        if (StatVfs(path, out var s) != 0)
        {
            return null;
        }

        var unit = (long)(s.FragmentSize != 0 ? s.FragmentSize : s.BlockSize);
        return ((long)s.Blocks * unit, (long)s.BlocksAvailable * unit, (long)s.Files, (long)s.FilesAvailable, (s.Flags & ReadOnlyFlag) != 0);
    }

    [LibraryImport("libc.so.6", EntryPoint = "statvfs", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int StatVfs(string path, out StatVfsBuffer buffer);

    // glibc x86_64 / aarch64 layout: eleven unsigned longs, then six ints of padding.
    [StructLayout(LayoutKind.Sequential)]
    private struct StatVfsBuffer
    {
        public ulong BlockSize;
        public ulong FragmentSize;
        public ulong Blocks;
        public ulong BlocksFree;
        public ulong BlocksAvailable;
        public ulong Files;
        public ulong FilesFree;
        public ulong FilesAvailable;
        public ulong FileSystemId;
        public ulong Flags;
        public ulong MaxNameLength;
        public int Spare0;
        public int Spare1;
        public int Spare2;
        public int Spare3;
        public int Spare4;
        public int Spare5;
    }
}
