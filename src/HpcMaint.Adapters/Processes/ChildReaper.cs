using System.Runtime.InteropServices;

using HpcMaint.Adapters.Interop;

namespace HpcMaint.Adapters.Processes;

/// <summary>Blocking waitpid for one child, meant for a thread of its own.</summary>
internal static class ChildReaper
{
    /// <summary>Waits until <paramref name="pid"/> exits and reaps it; false when its status was taken by someone else (ECHILD).</summary>
    public static bool WaitForExit(int pid, out int status)
    {
        try
        {
            while (true)
            {
                if (LibC.WaitPid(pid, out status, 0) == pid)
                {
                    return true;
                }

                if (Marshal.GetLastPInvokeError() != LibC.EINTR)
                {
                    return false;
                }
            }
        }
        finally
        {
            SpawnedChildren.Remove(pid);
        }
    }

    /// <summary>Reaps <paramref name="pid"/> in the background whenever it exits, so it never lingers as a zombie.</summary>
    public static void ReapInBackground(int pid) =>
        Task.Factory.StartNew(
            () => WaitForExit(pid, out _),
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);
}
