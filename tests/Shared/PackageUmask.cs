using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace HpcMaint.Tests.Shared;

/// <summary>
/// The test process (and every testbed, script and hpcmaint it starts) makes files with umask 022, as a
/// package install does: hpcmaint refuses anything group-writable, and a CI runner's umask (002 on some)
/// is not the specs' business.
/// </summary>
internal static class PackageUmask
{
    [ModuleInitializer]
    [SuppressMessage("Usage", "CA2255", Justification = "The umask must be set before any spec makes a file.")]
    internal static void Set() => _ = SetUmask(0x12);

    [DllImport("libc.so.6", EntryPoint = "umask")]
    private static extern uint SetUmask(uint mask);
}
