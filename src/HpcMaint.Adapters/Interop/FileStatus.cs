using System.Runtime.InteropServices;

namespace HpcMaint.Adapters.Interop;

/// <summary>
/// statx(2): type, mode, owner, group and hard links of a path (a final symbolic link not followed) or of an
/// open descriptor. statx rather than stat: its struct has one layout on every architecture.
/// </summary>
internal static partial class FileStatus
{
    public const uint TypeMask = 0xF000;
    public const uint RegularFile = 0x8000;
    public const uint Directory = 0x4000;
    public const uint SymbolicLink = 0xA000;

    private const int CurrentDirectory = -100; // AT_FDCWD
    private const int NoFollow = 0x100; // AT_SYMLINK_NOFOLLOW
    private const int EmptyPath = 0x1000; // AT_EMPTY_PATH
    private const uint Wanted = 0x1 | 0x2 | 0x4 | 0x8 | 0x10; // STATX_TYPE | MODE | NLINK | UID | GID
    private const int BufferSize = 256; // sizeof(struct statx)

    /// <summary>The status, or the errno (ENOENT, EACCES, …) in <paramref name="error"/>.</summary>
    public static (uint Mode, uint Owner, uint Group, uint Links)? OfPath(string path, out int error) =>
        Query(CurrentDirectory, path, NoFollow, out error);

    public static (uint Mode, uint Owner, uint Group, uint Links)? OfDescriptor(int descriptor, out int error) =>
        Query(descriptor, string.Empty, EmptyPath, out error);

    private static unsafe (uint Mode, uint Owner, uint Group, uint Links)? Query(int directory, string path, int flags, out int error)
    {
        var buffer = stackalloc byte[BufferSize];
        if (Statx(directory, path, flags, Wanted, buffer) != 0)
        {
            error = Marshal.GetLastPInvokeError();
            return null;
        }

        error = 0;
        var span = new ReadOnlySpan<byte>(buffer, BufferSize);
        return (
            MemoryMarshal.Read<ushort>(span[28..]),
            MemoryMarshal.Read<uint>(span[20..]),
            MemoryMarshal.Read<uint>(span[24..]),
            MemoryMarshal.Read<uint>(span[16..]));
    }

    [LibraryImport("libc.so.6", EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static unsafe partial int Statx(int directory, string path, int flags, uint mask, byte* buffer);
}
