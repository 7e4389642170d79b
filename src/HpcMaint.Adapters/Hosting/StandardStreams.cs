using HpcMaint.Adapters.Interop;

namespace HpcMaint.Adapters.Hosting;

/// <summary>
/// slurmctld 22.05 starts its hooks with descriptors 0-2 closed. The next files opened then get those
/// numbers, and in a Native AOT process one of them is the runtime's signal pipe: console output
/// written to "standard output" lands in that pipe and is read back as a signal number, which kills
/// the process ("0.1.0" begins with byte 48: SIGRTMIN+14). Each executable calls this first, before
/// anything touches the console or signals, so that 0-2 are /dev/null when they were closed.
/// </summary>
public static class StandardStreams
{
    public static void FillClosed()
    {
        while (true)
        {
            // The lowest free descriptor comes back: one above 2 means 0-2 are all open.
            var descriptor = LibC.Open("/dev/null", LibC.O_RDWR, 0);
            if (descriptor < 0)
            {
                return;
            }

            if (descriptor > 2)
            {
                _ = LibC.Close(descriptor);
                return;
            }
        }
    }
}
