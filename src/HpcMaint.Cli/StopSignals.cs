using System.Runtime.InteropServices;

namespace HpcMaint.Cli;

/// <summary>
/// SIGTERM and SIGINT as a cancellation, so a long-running command (a rebuild) stops at its next await,
/// journals that it stopped and says how to resume. Registered here rather than left to
/// System.CommandLine: with 2.0.0 a SIGTERM ended the process before any managed code ran (strace: the
/// runtime re-raised it at once, exit 143, nothing journalled). A second signal ends the process at once.
/// </summary>
internal sealed class StopSignals : IDisposable
{
    private readonly CancellationTokenSource stop = new();
    private readonly PosixSignalRegistration term;
    private readonly PosixSignalRegistration interrupt;

    public StopSignals()
    {
        term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
    }

    public CancellationToken Token => stop.Token;

    public void Dispose()
    {
        term.Dispose();
        interrupt.Dispose();
        stop.Dispose();
    }

    private void Stop(PosixSignalContext context)
    {
        if (stop.IsCancellationRequested)
        {
            return;
        }

        context.Cancel = true;
        stop.Cancel();
    }
}
