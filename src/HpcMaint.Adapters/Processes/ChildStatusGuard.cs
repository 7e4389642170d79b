using System.Runtime.InteropServices;

using HpcMaint.Adapters.Interop;

namespace HpcMaint.Adapters.Processes;

/// <summary>
/// Keeps our children's exits heard. Each executable calls this first, before it runs any command.
/// </summary>
/// <remarks>
/// .NET (so CliWrap) learns that a child exited only from SIGCHLD, and its handler is installed when the
/// first process is started. Inherited as slurmctld 22.05 may leave it, SIGCHLD stops that: ignored, the
/// kernel reaps the children itself and .NET keeps the SIG_IGN (measured: the first command then waits
/// forever); blocked in every thread, the signal never arrives. So an ignored SIGCHLD goes back to its default
/// before .NET looks, and the main thread, which lives as long as we do, takes it.
/// </remarks>
public static class ChildStatusGuard
{
    private const nint SIG_IGN = 1;

    public static void KeepChildStatuses()
    {
        using var current = new NativeBlock(LibC.OpaqueObjectSize);
        if (LibC.SignalAction(LibC.SIGCHLD, 0, current.Address) == 0 && Marshal.ReadIntPtr(current.Address) == SIG_IGN)
        {
            // A zeroed struct sigaction is SIG_DFL with an empty mask and no flags.
            using var defaultAction = new NativeBlock(LibC.OpaqueObjectSize);
            _ = LibC.SignalAction(LibC.SIGCHLD, defaultAction.Address, 0);
        }

        using var childExits = new NativeBlock(LibC.OpaqueObjectSize);
        _ = LibC.SignalSetEmpty(childExits.Address);
        _ = LibC.SignalSetAdd(childExits.Address, LibC.SIGCHLD);
        _ = LibC.ThreadSignalMask(LibC.SIG_UNBLOCK, childExits.Address, 0);
    }
}
