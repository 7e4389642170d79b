namespace HpcMaint.Adapters.Processes;

/// <summary>
/// The children this process started and has not reaped yet, so that a sweep for orphans reparented to us
/// (<see cref="ChildSubreaper"/>) never kills or reaps one of our own: their exit statuses belong to their waiters.
/// </summary>
internal static class SpawnedChildren
{
    private static readonly Dictionary<int, bool> s_detached = [];
    private static volatile bool s_anyStarted;

    /// <summary>Held around posix_spawn and the registration after it, and by a sweep, so no sweep sees a child not yet registered.</summary>
    public static Lock Gate { get; } = new();

    /// <summary>Whether this process has started any child at all: without one, nothing can be reparented to us.</summary>
    public static bool AnyStarted => s_anyStarted;

    public static void Add(int pid, bool detached)
    {
        lock (Gate)
        {
            s_detached[pid] = detached;
            s_anyStarted = true;
        }
    }

    public static void Remove(int pid)
    {
        lock (Gate)
        {
            _ = s_detached.Remove(pid);
        }
    }

    public static bool Contains(int pid)
    {
        lock (Gate)
        {
            return s_detached.ContainsKey(pid);
        }
    }

    /// <summary>The children started to be waited for (not detached ones) that have not been reaped.</summary>
    public static int[] Waited()
    {
        lock (Gate)
        {
            return s_detached.Where(c => !c.Value).Select(c => c.Key).ToArray();
        }
    }
}
