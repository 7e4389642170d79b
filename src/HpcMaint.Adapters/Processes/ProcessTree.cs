using HpcMaint.Adapters.Interop;

namespace HpcMaint.Adapters.Processes;

/// <summary>
/// Everything a started command has become, as /proc shows it: its process group, every descendant (those
/// that left the group with setsid or setpgid too, while their parent lives) and, when this process is a
/// child subreaper, orphans reparented to us that are not our own children. Members are remembered with
/// their start time, so a pid the kernel hands to someone else later is never signalled.
/// </summary>
internal sealed class ProcessTree(IReadOnlyCollection<int> leaders)
{
    // A tree that keeps forking while it is being frozen is stopped a round at a time; this bounds the rounds.
    private const int MaxFreezeRounds = 50;

    private readonly Dictionary<int, long> _members = [];

    /// <summary>Adds what /proc shows now; returns how many processes were new.</summary>
    public int Refresh()
    {
        // Held while /proc is read, so a child started meanwhile is registered before it can look like an orphan.
        lock (SpawnedChildren.Gate)
        {
            return RefreshHoldingGate();
        }
    }

    private int RefreshHoldingGate()
    {
        var table = ProcStat.ReadAll();
        var self = Environment.ProcessId;
        var adoptOrphans = ChildSubreaper.IsActive;
        var added = 0;
        bool grew;
        do
        {
            grew = false;
            foreach (var process in table)
            {
                if (process.Pid == self || _members.ContainsKey(process.Pid))
                {
                    continue;
                }

                // A group or session a member leads is the command's too: its id stays reserved while any
                // process is in it, so one that lost its parent is still found by it.
                var belongs = leaders.Contains(process.Pid)
                    || leaders.Contains(process.ProcessGroup)
                    || leaders.Contains(process.Session)
                    || _members.ContainsKey(process.ProcessGroup)
                    || _members.ContainsKey(process.Session)
                    || IsMember(process.ParentPid, table)
                    || (adoptOrphans && process.ParentPid == self && !SpawnedChildren.Contains(process.Pid));
                if (belongs)
                {
                    _members[process.Pid] = process.StartTime;
                    grew = true;
                    added++;
                }
            }
        }
        while (grew);

        return added;
    }

    /// <summary>
    /// Sends <paramref name="signal"/> to every member still alive but <paramref name="spared"/>, and to the
    /// whole group of each one that leads a group, which reaches a member forked after the last look too.
    /// </summary>
    public void Signal(int signal, int spared = 0)
    {
        foreach (var (pid, startTime) in _members)
        {
            if (pid != spared && ProcStat.Read(pid) is { } now && now.StartTime == startTime)
            {
                _ = LibC.Kill(now.ProcessGroup == pid ? -pid : pid, signal);
            }
        }
    }

    /// <summary>
    /// Stops the whole tree: SIGSTOP, again for anything forked meanwhile, until nothing new appears. A stopped
    /// process cannot fork, so a signal sent to the frozen tree reaches all of it.
    /// </summary>
    public void Freeze()
    {
        _ = Refresh();
        for (var round = 0; round < MaxFreezeRounds; round++)
        {
            Signal(LibC.SIGSTOP);
            if (Refresh() == 0)
            {
                return;
            }
        }
    }

    /// <summary>Freezes the tree and sends it <paramref name="signal"/> (all but <paramref name="spared"/>), then lets it run again to act on it.</summary>
    public void Terminate(int signal, int spared = 0)
    {
        Freeze();
        Signal(signal, spared);
        Signal(LibC.SIGCONT);
    }

    /// <summary>Freezes the tree and SIGKILLs it. Orphans reparented to us are reaped in the background; our own
    /// children are left to their waiters.</summary>
    public void Kill()
    {
        Freeze();
        Signal(LibC.SIGKILL);
        var self = Environment.ProcessId;
        foreach (var pid in _members.Keys)
        {
            if (ProcStat.Read(pid) is { } now && now.ParentPid == self && !SpawnedChildren.Contains(pid))
            {
                ChildReaper.ReapInBackground(pid);
            }
        }
    }

    private bool IsMember(int pid, IReadOnlyList<ProcStat> table) =>
        _members.TryGetValue(pid, out var startTime) && table.Any(p => p.Pid == pid && p.StartTime == startTime);
}
