using System.Runtime.InteropServices;

using HpcMaint.Adapters.Interop;

namespace HpcMaint.Adapters.Processes;

/// <summary>
/// Makes this process the child subreaper of everything it starts (prctl PR_SET_CHILD_SUBREAPER): a
/// tool's descendant whose parent dies is reparented to us instead of to init, so a timed-out tool's
/// tree can be found and killed even when part of it left the process group (setsid) and lost its parent.
/// </summary>
/// <remarks>
/// Only for a short-lived process whose commands must all end with it: hpcmaint-health. Every orphan
/// reparented to it that is not one of its own children counts as a leftover of some command it ran, and
/// is killed. Never in a process whose detached starts hand off work that forks (hpcmaint-reboot).
/// </remarks>
public static class ChildSubreaper
{
    private const int PR_SET_CHILD_SUBREAPER = 36;

    private static volatile bool s_active;

    public static bool IsActive => s_active;

    /// <summary>Becomes the subreaper; returns null, or why not (then only trees whose parents live are found).</summary>
    public static string? Become()
    {
        if (LibC.Prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) != 0)
        {
            return "prctl(PR_SET_CHILD_SUBREAPER): " + LibC.Describe(Marshal.GetLastPInvokeError());
        }

        s_active = true;
        return null;
    }

    /// <summary>
    /// Kills what our commands left running: the tree of every started command not yet reaped (one abandoned
    /// at a timeout may still be in its grace period) and every orphan reparented to us. For the end of a run.
    /// </summary>
    public static void EndLeftovers()
    {
        // A process that started nothing has no descendants to leave behind; the sweep reads every
        // /proc/PID/stat, the largest cost of a passing health run (measured: 2-4 ms of its ~10 ms).
        if (!SpawnedChildren.AnyStarted)
        {
            return;
        }

        new ProcessTree(SpawnedChildren.Waited()).Kill();
    }
}
