using HpcMaint.Adapters.Interop;

namespace HpcMaint.Adapters.Processes;

/// <summary>
/// The calling thread's signal mask, which is what a child started from this thread begins with: .NET's
/// Process blocks everything around its fork and gives the child the starting thread's mask back before exec.
/// </summary>
/// <remarks>
/// slurmctld may start us with SIGTERM and SIGCHLD blocked, and a thread of ours can carry that mask; a
/// blocked signal stays blocked across exec, so a tool started with it would never die of a SIGTERM. The
/// mask is per thread, so it is cleared only around the start, on the thread that starts.
/// </remarks>
internal sealed class ThreadSignalMask : IDisposable
{
    private readonly NativeBlock _previous = new(LibC.OpaqueObjectSize);

    private ThreadSignalMask()
    {
        using var empty = new NativeBlock(LibC.OpaqueObjectSize);
        _ = LibC.SignalSetEmpty(empty.Address);
        _ = LibC.ThreadSignalMask(LibC.SIG_SETMASK, empty.Address, _previous.Address);
    }

    /// <summary>Blocks nothing on the calling thread until disposed, when the mask it had comes back.</summary>
    public static ThreadSignalMask Cleared() => new();

    public void Dispose()
    {
        _ = LibC.ThreadSignalMask(LibC.SIG_SETMASK, _previous.Address, 0);
        _previous.Dispose();
    }
}
