using System.Runtime.InteropServices;
using HpcMaint.Adapters.Processes;

using HpcMaint.Adapters.Interop;

namespace HpcMaint.Adapters.Tests.Processes;

[CollectionDefinition(nameof(InheritedSigChldSpecs), DisableParallelization = true)]
public sealed class InheritedSigChldCollection;

/// <summary>Changes process-wide signal state, so it runs with no other test alongside.</summary>
[Collection(nameof(InheritedSigChldSpecs))]
public sealed class InheritedSigChldSpecs
{
    private const nint SIG_IGN = 1;

    [Fact(Timeout = 15000)]
    public async Task Exit_codes_are_still_reported_when_we_were_started_with_SIGCHLD_ignored()
    {
        // Arrange: with SIGCHLD ignored the kernel would reap our children and waitpid would only say ECHILD.
        var saved = Marshal.AllocHGlobal(LibC.OpaqueObjectSize);
        var ignore = Marshal.AllocHGlobal(LibC.OpaqueObjectSize);
        Marshal.Copy(new byte[LibC.OpaqueObjectSize], 0, ignore, LibC.OpaqueObjectSize);
        Marshal.WriteIntPtr(ignore, SIG_IGN);
        Assert.Equal(0, LibC.SignalAction(LibC.SIGCHLD, ignore, saved));

        try
        {
            // Act
            var result = await new ProcessRunner(TimeProvider.System).RunAsync(
                Command.For("/bin/sh").WithArguments(["-c", "exit 3"]));

            // Assert
            Assert.Equal(CommandOutcome.Exited, result.Outcome);
            Assert.Equal(3, result.ExitCode);
        }
        finally
        {
            _ = LibC.SignalAction(LibC.SIGCHLD, saved, 0);
            Marshal.FreeHGlobal(saved);
            Marshal.FreeHGlobal(ignore);
        }
    }
}
