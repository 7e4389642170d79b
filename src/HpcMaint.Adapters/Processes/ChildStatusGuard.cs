using System.Runtime.InteropServices;

using HpcMaint.Adapters.Interop;

namespace HpcMaint.Adapters.Processes;

/// <summary>
/// Keeps our children's exit statuses ours to collect.
/// </summary>
/// <remarks>
/// If this process inherited SIGCHLD ignored, the kernel reaps children itself and waitpid only ever says
/// ECHILD. .NET's System.Native leaves an inherited SIG_IGN in place (pal_signal.c, InstallSignalHandler), so
/// we put SIGCHLD back to its default before spawning. Otherwise .NET only reaps children it started itself
/// (System.Diagnostics.Process) - except when it runs as pid 1, where it reaps every child; a status lost that
/// way is reported, not hidden (<see cref="ExitStatus.IsLost"/>).
/// </remarks>
internal static class ChildStatusGuard
{
    private const nint SIG_IGN = 1;

    public static void KeepChildStatuses()
    {
        using var current = new NativeBlock(LibC.OpaqueObjectSize);
        if (LibC.SignalAction(LibC.SIGCHLD, 0, current.Address) != 0 || Marshal.ReadIntPtr(current.Address) != SIG_IGN)
        {
            return;
        }

        // A zeroed struct sigaction is SIG_DFL with an empty mask and no flags.
        using var defaultAction = new NativeBlock(LibC.OpaqueObjectSize);
        _ = LibC.SignalAction(LibC.SIGCHLD, defaultAction.Address, 0);
    }
}
