using System.Runtime.InteropServices;

using HpcMaint.Adapters.Interop;

namespace HpcMaint.Adapters.Processes;

/// <summary>
/// posix_spawn with a clean slate for a detached child: a session of its own, an empty signal mask
/// and every signal at its default disposition. slurmctld may start us with SIGTERM and SIGCHLD blocked, and
/// .NET ignores SIGPIPE; neither may leak into the programs we run.
/// </summary>
internal static class PosixSpawn
{
    private const int ENOSYS = 38;

    // rw-r----- for an output file the child creates (detached starts).
    private const uint CreatedFileMode = 0b110_100_000;

    // posix_spawn_file_actions_addclosefrom_np needs glibc 2.34; on older systems we rely on O_CLOEXEC alone.
    private static volatile bool s_closeFromMissing;

    /// <summary>Starts the child; returns 0 and its pid, or an errno value.</summary>
    public static int Spawn(SpawnRequest request, out int pid)
    {
        pid = 0;
        using var attributes = new NativeBlock(LibC.OpaqueObjectSize);
        using var fileActions = new NativeBlock(LibC.OpaqueObjectSize);
        using var emptySet = new NativeBlock(LibC.OpaqueObjectSize);
        using var fullSet = new NativeBlock(LibC.OpaqueObjectSize);
        using var argv = new NativeStringArray(request.Argv);
        using var envp = new NativeStringArray(request.Environment);

        var error = LibC.SpawnAttrInit(attributes.Address);
        if (error != 0)
        {
            return error;
        }

        try
        {
            error = LibC.FileActionsInit(fileActions.Address);
            if (error != 0)
            {
                return error;
            }

            try
            {
                error = ConfigureAttributes(attributes.Address, emptySet.Address, fullSet.Address);
                if (error == 0)
                {
                    error = ConfigureFileActions(fileActions.Address, request);
                }

                return error != 0
                    ? error
                    : LibC.PosixSpawn(
                        out pid, request.ExecutablePath, fileActions.Address, attributes.Address, argv.Pointers, envp.Pointers);
            }
            finally
            {
                _ = LibC.FileActionsDestroy(fileActions.Address);
            }
        }
        finally
        {
            _ = LibC.SpawnAttrDestroy(attributes.Address);
        }
    }

    private static int ConfigureAttributes(nint attributes, nint emptySet, nint fullSet)
    {
        _ = LibC.SignalSetEmpty(emptySet);
        _ = LibC.SignalSetFill(fullSet);

        // glibc's sigfillset leaves out its two internal signals (32 and 33), and its posix_spawn then sets them
        // to SIG_IGN in the child, which survives exec. Naming them here makes the child reset them to SIG_DFL
        // as well. Signal n is bit n-1 of the set.
        Marshal.WriteInt64(fullSet, Marshal.ReadInt64(fullSet) | (1L << 31) | (1L << 32));
        var flags = (short)(LibC.POSIX_SPAWN_SETSIGMASK | LibC.POSIX_SPAWN_SETSIGDEF | LibC.POSIX_SPAWN_SETSID);

        var error = LibC.SpawnAttrSetSignalMask(attributes, emptySet);
        if (error == 0)
        {
            error = LibC.SpawnAttrSetSignalDefaults(attributes, fullSet);
        }

        return error != 0 ? error : LibC.SpawnAttrSetFlags(attributes, flags);
    }

    private static int ConfigureFileActions(nint fileActions, SpawnRequest request)
    {
        var error = AddStdio(fileActions, request.Input, 0);
        if (error == 0)
        {
            error = AddStdio(fileActions, request.Output, 1);
        }

        if (error == 0)
        {
            error = AddStdio(fileActions, request.Error, 2);
        }

        if (error == 0)
        {
            error = AddCloseFrom(fileActions);
        }

        if (error == 0 && request.WorkingDirectory is not null)
        {
            error = AddChangeDirectory(fileActions, request.WorkingDirectory);
        }

        return error;
    }

    private static int AddStdio(nint fileActions, StdioSource source, int target) =>
        source.FilePath is null
            ? LibC.FileActionsAddDup2(fileActions, source.Descriptor, target)
            : LibC.FileActionsAddOpen(fileActions, target, source.FilePath, source.OpenFlags, CreatedFileMode);

    private static int AddCloseFrom(nint fileActions)
    {
        if (s_closeFromMissing)
        {
            return 0;
        }

        try
        {
            // Descriptors inherited without O_CLOEXEC (from slurmd, say) stop here instead of leaking on.
            return LibC.FileActionsAddCloseFrom(fileActions, 3);
        }
        catch (EntryPointNotFoundException)
        {
            s_closeFromMissing = true;
            return 0;
        }
    }

    private static int AddChangeDirectory(nint fileActions, string workingDirectory)
    {
        try
        {
            return LibC.FileActionsAddChangeDirectory(fileActions, workingDirectory);
        }
        catch (EntryPointNotFoundException)
        {
            // glibc before 2.29 cannot change directory between fork and exec.
            return ENOSYS;
        }
    }

    /// <summary>A NULL-terminated array of UTF-8 strings in native memory (argv, envp).</summary>
    private sealed class NativeStringArray : IDisposable
    {
        public NativeStringArray(IReadOnlyList<string> strings)
        {
            Pointers = new nint[strings.Count + 1];
            for (var i = 0; i < strings.Count; i++)
            {
                Pointers[i] = Marshal.StringToCoTaskMemUTF8(strings[i]);
            }
        }

        public nint[] Pointers { get; }

        public void Dispose()
        {
            foreach (var pointer in Pointers)
            {
                Marshal.FreeCoTaskMem(pointer);
            }
        }
    }
}
