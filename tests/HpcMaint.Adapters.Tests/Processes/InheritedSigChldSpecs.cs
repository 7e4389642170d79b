using System.Globalization;
using System.Runtime.InteropServices;
using HpcMaint.Adapters.Processes;
using HpcMaint.Adapters.Tests.Processes.Support;

using HpcMaint.Adapters.Interop;

namespace HpcMaint.Adapters.Tests.Processes;

[CollectionDefinition(nameof(InheritedSigChldSpecs), DisableParallelization = true)]
public sealed class InheritedSigChldCollection;

/// <summary>
/// Changes process-wide signal state, so it runs with no other test alongside. Whether commands then still
/// finish is for the executables to show, started as slurmctld starts them (HealthProgramSpecs): in this
/// process .NET's own SIGCHLD handler is installed already, and replacing it would stop every later test.
/// </summary>
[Collection(nameof(InheritedSigChldSpecs))]
public sealed class InheritedSigChldSpecs
{
    private const nint SIG_IGN = 1;
    private const nint SIG_DFL = 0;
    private const ulong SigChldBit = 1UL << (LibC.SIGCHLD - 1);

    [Fact]
    public void An_inherited_ignored_SIGCHLD_goes_back_to_its_default()
    {
        // Arrange
        var saved = Marshal.AllocHGlobal(LibC.OpaqueObjectSize);
        var ignore = Marshal.AllocHGlobal(LibC.OpaqueObjectSize);
        var now = Marshal.AllocHGlobal(LibC.OpaqueObjectSize);
        Marshal.Copy(new byte[LibC.OpaqueObjectSize], 0, ignore, LibC.OpaqueObjectSize);
        Marshal.WriteIntPtr(ignore, SIG_IGN);
        Assert.Equal(0, LibC.SignalAction(LibC.SIGCHLD, ignore, saved));

        try
        {
            // Act
            ChildStatusGuard.KeepChildStatuses();

            // Assert
            Assert.Equal(0, LibC.SignalAction(LibC.SIGCHLD, 0, now));
            Assert.Equal(SIG_DFL, Marshal.ReadIntPtr(now));
        }
        finally
        {
            _ = LibC.SignalAction(LibC.SIGCHLD, saved, 0);
            Marshal.FreeHGlobal(saved);
            Marshal.FreeHGlobal(ignore);
            Marshal.FreeHGlobal(now);
        }
    }

    [Fact]
    public void An_inherited_blocked_SIGCHLD_is_unblocked_on_the_calling_thread()
    {
        // Arrange
        using var blocked = SignalMask.Block(LibC.SIGCHLD);
        var before = BlockedOnThisThread();

        // Act
        ChildStatusGuard.KeepChildStatuses();

        // Assert
        Assert.NotEqual(0UL, before & SigChldBit);
        Assert.Equal(0UL, BlockedOnThisThread() & SigChldBit);
    }

    private static ulong BlockedOnThisThread() =>
        ulong.Parse(
            File.ReadAllLines("/proc/thread-self/status").Single(line => line.StartsWith("SigBlk:", StringComparison.Ordinal))[8..],
            NumberStyles.HexNumber,
            CultureInfo.InvariantCulture);
}
