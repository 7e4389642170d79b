using System.Runtime.InteropServices;

namespace HpcMaint.Adapters.Processes;

/// <summary>Zeroed native memory for an opaque libc object, freed on dispose.</summary>
internal sealed unsafe class NativeBlock : IDisposable
{
    public NativeBlock(int size) => Address = (nint)NativeMemory.AllocZeroed((nuint)size);

    public nint Address { get; private set; }

    public void Dispose()
    {
        NativeMemory.Free((void*)Address);
        Address = 0;
    }
}
