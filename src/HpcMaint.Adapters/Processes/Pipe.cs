using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

using HpcMaint.Adapters.Interop;

namespace HpcMaint.Adapters.Processes;

/// <summary>A close-on-exec pipe whose descriptors are all above 2.</summary>
internal sealed class Pipe : IDisposable
{
    private Pipe(SafeFileHandle readEnd, SafeFileHandle writeEnd)
    {
        ReadEnd = readEnd;
        WriteEnd = writeEnd;
    }

    public SafeFileHandle ReadEnd { get; }

    public SafeFileHandle WriteEnd { get; }

    /// <summary>Creates a pipe, or returns null with the errno (EMFILE, ENFILE).</summary>
    public static Pipe? TryCreate(out int error)
    {
        if (LibC.Pipe(out var descriptors, LibC.O_CLOEXEC) != 0)
        {
            error = Marshal.GetLastPInvokeError();
            return null;
        }

        var read = AboveStandardDescriptors(descriptors.Read, out error);
        var write = error == 0 ? AboveStandardDescriptors(descriptors.Write, out error) : -1;
        if (error != 0)
        {
            _ = LibC.Close(read);
            _ = LibC.Close(descriptors.Write);
            return null;
        }

        return new Pipe(new SafeFileHandle(read, ownsHandle: true), new SafeFileHandle(write, ownsHandle: true));
    }

    public void Dispose()
    {
        ReadEnd.Dispose();
        WriteEnd.Dispose();
    }

    /// <summary>
    /// slurmctld 22.05 starts RebootProgram with 0, 1 and 2 closed, so pipe2 can hand those out. A pipe end
    /// sitting on 0-2 would be clobbered by (or dup2'd onto itself for) the child's stdio, so move it up.
    /// </summary>
    private static int AboveStandardDescriptors(int descriptor, out int error)
    {
        error = 0;
        if (descriptor > 2)
        {
            return descriptor;
        }

        var moved = LibC.FileControl(descriptor, LibC.F_DUPFD_CLOEXEC, 3);
        if (moved < 0)
        {
            error = Marshal.GetLastPInvokeError();
            return descriptor;
        }

        _ = LibC.Close(descriptor);
        return moved;
    }
}
