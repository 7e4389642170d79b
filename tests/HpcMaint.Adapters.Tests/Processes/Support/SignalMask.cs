using System.Runtime.InteropServices;

namespace HpcMaint.Adapters.Tests.Processes.Support;

/// <summary>Blocks signals on the calling thread, the way slurmctld 22.05 starts RebootProgram.</summary>
internal sealed class SignalMask : IDisposable
{
    private const int SIG_BLOCK = 0;
    private const int SIG_SETMASK = 2;
    private const int SigsetSize = 128;

    private readonly byte[] _previous = new byte[SigsetSize];

    private SignalMask(params int[] signals)
    {
        var set = new byte[SigsetSize];
        _ = sigemptyset(set);
        foreach (var signal in signals)
        {
            _ = sigaddset(set, signal);
        }

        if (pthread_sigmask(SIG_BLOCK, set, _previous) != 0)
        {
            throw new InvalidOperationException("pthread_sigmask failed");
        }
    }

    public static SignalMask Block(params int[] signals) => new(signals);

    public void Dispose() => _ = pthread_sigmask(SIG_SETMASK, _previous, null);

    [DllImport("libc.so.6")]
    private static extern int pthread_sigmask(int how, byte[]? set, byte[]? oldSet);

    [DllImport("libc.so.6")]
    private static extern int sigemptyset(byte[] set);

    [DllImport("libc.so.6")]
    private static extern int sigaddset(byte[] set, int signal);
}
