using System.Runtime.InteropServices;

namespace HpcMaint.Adapters.Interop;

/// <summary>The few libc calls the runner needs. Linux (glibc) numbering throughout.</summary>
internal static partial class LibC
{
    // "libc.so.6" rather than "libc": only CoreCLR maps the bare name, NativeAOT dlopens it as written.
    private const string Library = "libc.so.6";

    public const int EINTR = 4;
    public const int ENOENT = 2;
    public const int EEXIST = 17;
    public const int ELOOP = 40;
    public const int ECHILD = 10;
    public const int EWOULDBLOCK = 11;

    public const int LOCK_EX = 2;
    public const int LOCK_NB = 4;
    public const int SEEK_END = 2;

    public const int SIGKILL = 9;
    public const int SIGTERM = 15;
    public const int SIGCHLD = 17;
    public const int SIGCONT = 18;
    public const int SIGSTOP = 19;

    public const int SIG_UNBLOCK = 1;
    public const int SIG_SETMASK = 2;

    public const int O_RDONLY = 0x0;
    public const int O_WRONLY = 0x1;
    public const int O_RDWR = 0x2;
    public const int O_CREAT = 0x40;
    public const int O_EXCL = 0x80;
    public const int O_NOCTTY = 0x100;
    public const int O_APPEND = 0x400;
    public const int O_CLOEXEC = 0x80000;

    /// <summary>Fails with ELOOP when the last component is a symbolic link (arm64 numbers it like 32-bit ARM).</summary>
    public static readonly int O_NOFOLLOW = RuntimeInformation.ProcessArchitecture == Architecture.Arm64 ? 0x8000 : 0x20000;

    public const int X_OK = 1;

    public const short POSIX_SPAWN_SETSIGDEF = 0x04;
    public const short POSIX_SPAWN_SETSIGMASK = 0x08;
    public const short POSIX_SPAWN_SETSID = 0x80;

    // Opaque glibc objects are allocated natively with room to spare (x86_64: attr 336, file actions 80,
    // sigset 128, struct sigaction 152 bytes).
    public const int OpaqueObjectSize = 1024;

    [LibraryImport(Library, EntryPoint = "posix_spawn")]
    public static partial int PosixSpawn(
        out int pid, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, nint fileActions, nint attributes, nint[] argv, nint[] envp);

    [LibraryImport(Library, EntryPoint = "posix_spawnattr_init")]
    public static partial int SpawnAttrInit(nint attributes);

    [LibraryImport(Library, EntryPoint = "posix_spawnattr_destroy")]
    public static partial int SpawnAttrDestroy(nint attributes);

    [LibraryImport(Library, EntryPoint = "posix_spawnattr_setflags")]
    public static partial int SpawnAttrSetFlags(nint attributes, short flags);

    [LibraryImport(Library, EntryPoint = "posix_spawnattr_setsigmask")]
    public static partial int SpawnAttrSetSignalMask(nint attributes, nint signalSet);

    [LibraryImport(Library, EntryPoint = "posix_spawnattr_setsigdefault")]
    public static partial int SpawnAttrSetSignalDefaults(nint attributes, nint signalSet);

    [LibraryImport(Library, EntryPoint = "posix_spawn_file_actions_init")]
    public static partial int FileActionsInit(nint fileActions);

    [LibraryImport(Library, EntryPoint = "posix_spawn_file_actions_destroy")]
    public static partial int FileActionsDestroy(nint fileActions);

    [LibraryImport(Library, EntryPoint = "posix_spawn_file_actions_adddup2")]
    public static partial int FileActionsAddDup2(nint fileActions, int descriptor, int target);

    [LibraryImport(Library, EntryPoint = "posix_spawn_file_actions_addopen")]
    public static partial int FileActionsAddOpen(
        nint fileActions, int target, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mode);

    /// <remarks>glibc 2.29 and later.</remarks>
    [LibraryImport(Library, EntryPoint = "posix_spawn_file_actions_addchdir_np")]
    public static partial int FileActionsAddChangeDirectory(nint fileActions, [MarshalAs(UnmanagedType.LPUTF8Str)] string path);

    /// <remarks>glibc 2.34 and later.</remarks>
    [LibraryImport(Library, EntryPoint = "posix_spawn_file_actions_addclosefrom_np")]
    public static partial int FileActionsAddCloseFrom(nint fileActions, int lowestDescriptor);

    [LibraryImport(Library, EntryPoint = "sigemptyset")]
    public static partial int SignalSetEmpty(nint signalSet);

    [LibraryImport(Library, EntryPoint = "sigfillset")]
    public static partial int SignalSetFill(nint signalSet);

    [LibraryImport(Library, EntryPoint = "sigaction", SetLastError = true)]
    public static partial int SignalAction(int signal, nint action, nint oldAction);

    [LibraryImport(Library, EntryPoint = "sigaddset")]
    public static partial int SignalSetAdd(nint signalSet, int signal);

    /// <summary>Sets or changes the calling thread's signal mask; returns 0 or an errno value.</summary>
    [LibraryImport(Library, EntryPoint = "pthread_sigmask")]
    public static partial int ThreadSignalMask(int how, nint signalSet, nint oldSignalSet);

    [LibraryImport(Library, EntryPoint = "close")]
    public static partial int Close(int descriptor);

    [LibraryImport(Library, EntryPoint = "open", SetLastError = true)]
    public static partial int Open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, int mode);

    [LibraryImport(Library, EntryPoint = "write", SetLastError = true)]
    public static unsafe partial nint Write(int descriptor, byte* buffer, nint count);

    [LibraryImport(Library, EntryPoint = "read", SetLastError = true)]
    public static unsafe partial nint Read(int descriptor, byte* buffer, nint count);

    [LibraryImport(Library, EntryPoint = "lseek", SetLastError = true)]
    public static partial long Seek(int descriptor, long offset, int whence);

    [LibraryImport(Library, EntryPoint = "fsync", SetLastError = true)]
    public static partial int Fsync(int descriptor);

    [LibraryImport(Library, EntryPoint = "flock", SetLastError = true)]
    public static partial int Flock(int descriptor, int operation);

    [LibraryImport(Library, EntryPoint = "fchown", SetLastError = true)]
    public static partial int FileChangeOwner(int descriptor, uint owner, uint group);

    [LibraryImport(Library, EntryPoint = "geteuid")]
    public static partial uint EffectiveUserId();

    [LibraryImport(Library, EntryPoint = "access", SetLastError = true)]
    public static partial int Access([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int mode);

    [LibraryImport(Library, EntryPoint = "waitpid", SetLastError = true)]
    public static partial int WaitPid(int pid, out int status, int options);

    [LibraryImport(Library, EntryPoint = "kill", SetLastError = true)]
    public static partial int Kill(int pid, int signal);

    [LibraryImport(Library, EntryPoint = "prctl", SetLastError = true)]
    public static partial int Prctl(int option, nuint argument2, nuint argument3, nuint argument4, nuint argument5);

    public static string Describe(int errorNumber) => Marshal.GetPInvokeErrorMessage(errorNumber);
}
